/**
 * Translations of rule texts, finding messages, fix titles and UI words, from data catalogues
 * (rules/i18n/<locale>.json). English is the source language and the fallback for anything a
 * catalogue lacks, so a new rule needs no translation to ship and gains one by a data change.
 */
import { type RuleMeta, formatMessage } from '../engine/rule-meta';
import type { MessageKey } from '../engine/types';
import SECNUMCLOUD from '../../../rules/data/secnumcloud.json';
import FR from '../../../rules/i18n/fr.json';
import FR_MESSAGES from '../../../rules/i18n/messages.fr.json';

/** Languages snclint speaks. */
export type Locale = 'en' | 'fr';

/** A regular expression over an English text and its translation, with `$1`... for the groups. */
interface Pattern {
  readonly match: string;
  readonly text: string;
}

/** A translated message template, with a hash of the English template it was written from. */
export interface TemplateEntry {
  readonly text: string;
  /** The first 12 hex digits of the SHA-256 of the English template this text translates. */
  readonly source: string;
}

interface RuleEntry {
  readonly title?: string;
  readonly description?: string;
  readonly rationale?: string;
  readonly remediation?: string;
  readonly limits?: string;
}

/** The shape of rules/i18n/messages.<locale>.json: message templates by rule id and message id. */
interface MessageCatalogue {
  /** Whole data values (a data table's words for a message) and their translations. */
  readonly phrases: Readonly<Record<string, string>>;
  readonly rules: Readonly<Record<string, Readonly<Record<string, TemplateEntry>>>>;
}

/** The shape of rules/i18n/<locale>.json. */
interface Catalogue {
  readonly ui: Readonly<Record<string, string>>;
  readonly requirements: Readonly<Record<string, string>>;
  /** Fragments translated inside the captured parts of messages. */
  readonly terms: readonly (readonly [string, string])[];
  readonly fixes: readonly Pattern[];
  readonly rules: Readonly<Record<string, RuleEntry>>;
}

const CATALOGUES: Readonly<Record<Exclude<Locale, 'en'>, Catalogue>> = { fr: FR as unknown as Catalogue };
const MESSAGES: Readonly<Record<Exclude<Locale, 'en'>, MessageCatalogue>> = { fr: FR_MESSAGES as MessageCatalogue };

/** The locale of a BCP 47 tag (`fr`, `fr-CA`) or a POSIX locale (`fr_FR.UTF-8`); English otherwise. */
export function localeOf(tag: string | undefined | null): Locale {
  return tag && /^fr(?:[-_.@]|$)/i.test(tag) ? 'fr' : 'en';
}

/** The locale a command-line run follows: LC_ALL, then LC_MESSAGES, then LANG, as POSIX orders them. */
export function localeFromEnv(env: Readonly<Record<string, string | undefined>>): Locale {
  const tag = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v !== '');
  return localeOf(tag);
}

const compiled = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let r = compiled.get(source);
  if (!r) {
    r = new RegExp(source, 's');
    compiled.set(source, r);
  }
  return r;
}

function translateTerms(text: string, cat: Catalogue): string {
  let out = text;
  for (const [en, tr] of cat.terms) out = out.split(en).join(tr);
  return out;
}

function applyPatterns(text: string, patterns: readonly Pattern[], cat: Catalogue): string | undefined {
  for (const p of patterns) {
    const m = regex(p.match).exec(text);
    if (!m) continue;
    return p.text.replace(/\$(\d)/g, (_, n: string) => translateTerms(m[Number(n)] ?? '', cat));
  }
  return undefined;
}

/** Translates a UI word or sentence; `{name}` placeholders are filled from `args`. */
export function t(locale: Locale, english: string, args: Readonly<Record<string, string>> = {}): string {
  const text = locale === 'en' ? english : (CATALOGUES[locale].ui[english] ?? english);
  return text.replace(/\{(\w+)\}/g, (whole, k: string) => args[k] ?? whole);
}

/** The texts of a rule's metadata that people read. */
export interface RuleTexts {
  readonly title: string;
  readonly description: string;
  readonly rationale: string;
  readonly remediation: string;
  readonly limits?: string;
}

/** A rule's title, description, rationale, remediation and limits in `locale`, field by field falling back to English. */
export function ruleTexts(meta: RuleMeta, locale: Locale): RuleTexts {
  const e = locale === 'en' ? undefined : CATALOGUES[locale].rules[meta.id];
  const limits = e?.limits ?? meta.limits;
  return {
    title: e?.title ?? meta.title,
    description: e?.description ?? meta.description,
    rationale: e?.rationale ?? meta.rationale,
    remediation: e?.remediation ?? meta.remediation,
    ...(limits !== undefined ? { limits } : {}),
  };
}

/** What a finding's translation needs: its rule, its English message and the message key it was made from. */
export interface Translatable {
  readonly ruleId: string;
  readonly message: string;
  readonly messageKey?: MessageKey;
}

/**
 * A finding's message in `locale`: its rule's template for the message id, filled with the data
 * translated as data; a message seen through a module call keeps the call's prefix. A finding
 * without a message key or a template stays in English.
 */
export function findingMessage(f: Translatable, locale: Locale): string {
  const { ruleId, message, messageKey: key } = f;
  if (locale === 'en' || !key) return message;
  const tr = MESSAGES[locale].rules[ruleId]?.[key.id];
  // Seen through a module call, a message is the module's own after the call's address (and source).
  const en = formatMessage(key.template, key.data);
  if (!tr || !message.endsWith(en)) return message;
  const cat = CATALOGUES[locale];
  const phrases = MESSAGES[locale].phrases;
  const data: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(key.data)) data[k] = typeof v === 'string' ? (phrases[v] ?? translateTerms(v, cat)) : v;
  return message.slice(0, message.length - en.length) + formatMessage(tr.text, data);
}

/** A rule's translated template for a message id, if the catalogue of `locale` has one. */
export function messageTemplate(ruleId: string, messageId: string, locale: Exclude<Locale, 'en'>): TemplateEntry | undefined {
  return MESSAGES[locale].rules[ruleId]?.[messageId];
}

/** Every translated template of `locale`, by rule id and message id, for tests. */
export function messageTemplates(locale: Exclude<Locale, 'en'>): Readonly<Record<string, Readonly<Record<string, TemplateEntry>>>> {
  return MESSAGES[locale].rules;
}

/** A fix title in `locale`. */
export function fixTitle(title: string, locale: Locale): string {
  if (locale === 'en') return title;
  const cat = CATALOGUES[locale];
  return applyPatterns(title, cat.fixes, cat) ?? title;
}

const ITEMS: Readonly<Record<string, string>> = SECNUMCLOUD.items;
const SECTIONS: Readonly<Record<string, { readonly fr: string; readonly en: string }>> = SECNUMCLOUD.sections;

/**
 * The title of a SecNumCloud 3.2 requirement item, or of a section when a rule cites one (the
 * catalogue's own French section titles serve French); undefined for an id the catalogue lacks.
 */
export function requirementTitle(id: string, locale: Locale): string | undefined {
  if (locale !== 'en') {
    const tr = CATALOGUES[locale].requirements[id];
    if (tr) return tr;
  }
  const section = SECTIONS[id];
  if (!ITEMS[id] && section) return locale === 'fr' ? section.fr : section.en;
  return ITEMS[id];
}

/** Whether `locale` has a pattern for this fix title (always true for English). */
export function hasFixPattern(title: string, locale: Locale): boolean {
  if (locale === 'en') return true;
  return CATALOGUES[locale].fixes.some((p) => regex(p.match).test(title));
}

/** Ids of the rules a locale's catalogue translates, for tests. */
export function translatedRules(locale: Exclude<Locale, 'en'>): string[] {
  return Object.keys(CATALOGUES[locale].rules);
}
