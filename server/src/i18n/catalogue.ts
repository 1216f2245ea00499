/**
 * Translations of rule texts and UI words (rules/i18n/<locale>.json), and of finding messages and
 * fix titles by rule id and id (rules/i18n/messages.<locale>.json). English is the source language and the fallback for anything a
 * catalogue lacks, so a new rule needs no translation to ship and gains one by a data change.
 */
import { type RuleMeta, formatMessage } from '../engine/rule-meta';
import type { Fix, MessageKey } from '../engine/types';
import SECNUMCLOUD from '../../../rules/data/secnumcloud.json';
import FR from '../../../rules/i18n/fr.json';
import FR_MESSAGES from '../../../rules/i18n/messages.fr.json';

/** Languages snclint speaks. */
export type Locale = 'en' | 'fr';

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

/** Templates by rule id, then by message or fix id. */
type Templates = Readonly<Record<string, Readonly<Record<string, TemplateEntry>>>>;

/** The shape of rules/i18n/messages.<locale>.json: message templates and fix titles by rule id and id. */
interface MessageCatalogue {
  /** Whole data values (a data table's words for a message) and their translations. */
  readonly phrases: Readonly<Record<string, string>>;
  readonly rules: Templates;
  readonly fixes: Templates;
}

/** The shape of rules/i18n/<locale>.json. */
interface Catalogue {
  readonly ui: Readonly<Record<string, string>>;
  readonly requirements: Readonly<Record<string, string>>;
  /** Fragments translated inside the data of messages. */
  readonly terms: readonly (readonly [string, string])[];
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
  const tag = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return localeOf(tag);
}

function translateTerms(text: string, cat: Catalogue): string {
  let out = text;
  for (const [en, tr] of cat.terms) out = out.split(en).join(tr);
  return out;
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
export function messageTemplates(locale: Exclude<Locale, 'en'>): Templates {
  return MESSAGES[locale].rules;
}

/**
 * A fix's title in `locale`: its rule's template for the fix id, filled with the data as given
 * (attribute names and values are code, never translated). A fix without a title key (the
 * engine's own) or without a template keeps its English title.
 */
export function fixTitle(ruleId: string, fix: Pick<Fix, 'title' | 'titleKey'>, locale: Locale): string {
  const key = fix.titleKey;
  if (locale === 'en' || !key) return fix.title;
  const tr = MESSAGES[locale].fixes[ruleId]?.[key.id];
  return tr ? formatMessage(tr.text, key.data) : fix.title;
}

/** A rule's translated title template for a fix id, if the catalogue of `locale` has one. */
export function fixTemplate(ruleId: string, fixId: string, locale: Exclude<Locale, 'en'>): TemplateEntry | undefined {
  return MESSAGES[locale].fixes[ruleId]?.[fixId];
}

/** Every translated fix title template of `locale`, by rule id and fix id, for tests. */
export function fixTemplates(locale: Exclude<Locale, 'en'>): Templates {
  return MESSAGES[locale].fixes;
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

/** Ids of the rules a locale's catalogue translates, for tests. */
export function translatedRules(locale: Exclude<Locale, 'en'>): string[] {
  return Object.keys(CATALOGUES[locale].rules);
}
