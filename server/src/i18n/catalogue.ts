/**
 * Translations of rule texts, finding messages, fix titles and UI words, from data catalogues
 * (rules/i18n/<locale>.json). English is the source language and the fallback for anything a
 * catalogue lacks, so a new rule needs no translation to ship and gains one by a data change.
 */
import type { RuleMeta } from '../engine/rule';
import SECNUMCLOUD from '../../../rules/data/secnumcloud.json';
import FR from '../../../rules/i18n/fr.json';

/** Languages snclint speaks. */
export type Locale = 'en' | 'fr';

/** A regular expression over an English text and its translation, with `$1`... for the groups. */
interface Pattern {
  readonly match: string;
  readonly text: string;
}

interface RuleEntry {
  readonly title?: string;
  readonly description?: string;
  readonly rationale?: string;
  readonly remediation?: string;
  readonly limits?: string;
  readonly messages?: readonly Pattern[];
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

/** A finding's message in `locale`, when the rule's catalogue entry has a pattern for it; else the English message. */
export function findingMessage(ruleId: string, message: string, locale: Locale): string {
  if (locale === 'en') return message;
  const cat = CATALOGUES[locale];
  const patterns = cat.rules[ruleId]?.messages ?? [];
  const direct = applyPatterns(message, patterns, cat);
  if (direct !== undefined) return direct;
  // Seen through a module call, a message is the module's own after the call's address (and source).
  const call = CALL_PREFIX.exec(message);
  const inner = call ? applyPatterns(call[2]!, patterns, cat) : undefined;
  return inner !== undefined ? call![1]! + inner : message;
}

/** `module.x: ` or `module.x.module.y (source version): ` before a message raised inside a called module. */
const CALL_PREFIX = /^(module\.[\w-]+(?:\.module\.[\w-]+)* ?(?:\([^)]*\))?: )(.+)$/s;

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

/** Whether `locale` has a pattern for this finding message of `ruleId` (always true for English). */
export function hasMessagePattern(ruleId: string, message: string, locale: Locale): boolean {
  if (locale === 'en') return true;
  return (CATALOGUES[locale].rules[ruleId]?.messages ?? []).some((p) => regex(p.match).test(message));
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
