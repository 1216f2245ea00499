/**
 * Modules installed by `terraform init` / `tofu init`, as `.terraform/modules/modules.json` records
 * them: the call key (`eks`, `eks.kms`), the source and version installed, and the folder (relative
 * to the root module). Pure: the hosts read the file and the installed folders, the engine only reads
 * the text they give it.
 */
import type { SourceFile } from '../engine/source';
import { normalizePath } from './paths';

/** One installed call, as `modules.json` records it. */
export interface InstalledEntry {
  readonly key: string;
  readonly source: string;
  readonly version: string | undefined;
  /** The installed folder, joined to the root module's folder and normalised. */
  readonly dir: string;
}

/** The installed modules of one root module. */
export interface ModulesManifest {
  readonly file: SourceFile;
  /** The root module's folder (normalised), where `init` ran. */
  readonly root: string;
  readonly entries: ReadonlyMap<string, InstalledEntry>;
  /** Keys listed more than once: the last entry is used, as Terraform does. */
  readonly duplicates: ReadonlySet<string>;
}

const MANIFEST_SUFFIX = /(?:^|[\\/])\.terraform[\\/]modules[\\/]modules\.json$/;
const INSTALLED_PATH = /(?:^|[\\/])\.terraform[\\/]/;

/** Whether a path is a `.terraform/modules/modules.json` manifest. */
export function isModulesManifest(path: string): boolean {
  return MANIFEST_SUFFIX.test(path);
}

/** Whether a path lies under a `.terraform/` folder (installed by init: never reported on its own). */
export function isInstalledPath(path: string): boolean {
  return INSTALLED_PATH.test(path);
}

/** The root module folder of a path under `.terraform/` (the folder holding it), or undefined for other paths. */
export function installedRootOf(path: string): string | undefined {
  const m = INSTALLED_PATH.exec(path);
  if (!m) return undefined;
  const root = path.slice(0, m.index);
  return root === '' ? '.' : root;
}

/** The root module folder of a manifest path (the folder holding `.terraform`). */
export function manifestRoot(path: string): string {
  const i = path.search(MANIFEST_SUFFIX);
  const root = path.slice(0, i);
  return normalizePath(root === '' ? '.' : root);
}

/** Whether a module source is a local path (`./x`, `../x`), which init does not install. */
export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source.startsWith('.\\') || source.startsWith('..\\');
}

/** Parses a manifest; a string saying why when it is not the shape init writes. */
export function parseModulesManifest(file: SourceFile): ModulesManifest | string {
  let data: unknown;
  try {
    data = JSON.parse(file.text);
  } catch (e) {
    return `${file.path} is not valid JSON (${(e as Error).message}); installed modules are not followed. Run terraform init (or tofu init) again.`;
  }
  const list = data && typeof data === 'object' ? (data as { Modules?: unknown }).Modules : undefined;
  if (!Array.isArray(list))
    return `${file.path} has no "Modules" list; installed modules are not followed. Run terraform init (or tofu init) again.`;
  const root = manifestRoot(file.path);
  const entries = new Map<string, InstalledEntry>();
  const duplicates = new Set<string>();
  for (const item of list as unknown[]) {
    if (!item || typeof item !== 'object') continue;
    const { Key, Source, Version, Dir } = item as Record<string, unknown>;
    if (typeof Key !== 'string' || Key === '' || typeof Dir !== 'string' || typeof Source !== 'string') continue;
    if (entries.has(Key) && entries.get(Key)!.dir !== normalizePath(`${root}/${Dir}`)) duplicates.add(Key);
    const dir = Dir.startsWith('/') || /^[A-Za-z]:[\\/]/.test(Dir) ? normalizePath(Dir) : normalizePath(`${root}/${Dir}`);
    entries.set(Key, { key: Key, source: Source, version: typeof Version === 'string' && Version !== '' ? Version : undefined, dir });
  }
  return { file, root, entries, duplicates };
}

/** A source, version or folder from a manifest, fit to print: control characters replaced, cut at 160 characters. */
export function shown(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > 160 ? `${clean.slice(0, 159)}…` : clean;
}

const REGISTRY_HOSTS = new Set(['registry.terraform.io', 'registry.opentofu.org']);

/**
 * A module source in the form Terraform records it: registry addresses with their host, GitHub and
 * Bitbucket shorthands and scp-like git addresses as `git::` URLs. OpenTofu's and Terraform's public
 * registries are taken as one, since each records its own host for the same short address.
 */
export function canonicalSource(source: string): string {
  let s = source.trim();
  const [base, sub] = splitSubdir(s);
  s = base;
  const reg = /^(?:([a-z0-9.-]+\.[a-z]{2,}(?::\d+)?)\/)?([A-Za-z0-9][\w-]*)\/([A-Za-z0-9][\w-]*)\/([A-Za-z0-9][\w-]*)$/.exec(s);
  if (reg && !s.includes('::') && !/^(?:github\.com|bitbucket\.org)\//.test(s)) {
    const host = (reg[1] ?? 'registry.terraform.io').toLowerCase();
    s = `${REGISTRY_HOSTS.has(host) ? 'registry.terraform.io' : host}/${reg[2]}/${reg[3]}/${reg[4]}`.toLowerCase();
  } else {
    const gh = /^(github\.com|bitbucket\.org)\/([^/?]+)\/([^/?]+?)(?:\.git)?(\?.*)?$/.exec(s);
    const scp = /^git@([^:/]+):(.+)$/.exec(s);
    if (gh) s = `git::https://${gh[1]}/${gh[2]}/${gh[3]}.git${gh[4] ?? ''}`;
    else if (scp) s = `git::ssh://git@${scp[1]}/${scp[2]}`;
  }
  return sub ? `${s.replace(/(\?.*)$/, '')}//${sub}${/(\?.*)$/.exec(s)?.[1] ?? ''}` : s;
}

/** Splits `addr//sub/dir?query` into `addr?query` and `sub/dir`. */
function splitSubdir(s: string): [string, string | undefined] {
  const scheme = /^[a-z0-9]+::[a-z0-9+]+:\/\/|^[a-z0-9+]+:\/\//i.exec(s)?.[0].length ?? 0;
  const i = s.indexOf('//', scheme);
  if (i < 0) return [s, undefined];
  const rest = s.slice(i + 2);
  const q = rest.indexOf('?');
  return q < 0 ? [s.slice(0, i), rest] : [s.slice(0, i) + rest.slice(q), rest.slice(0, q)];
}

/** Whether the source a call names is the one that was installed. */
export function sameSource(configured: string, recorded: string): boolean {
  return canonicalSource(configured) === canonicalSource(recorded);
}

type Triple = readonly [number, number, number];
interface Version {
  readonly parts: Triple;
  readonly given: number;
  readonly pre: string;
}

function parseVersion(v: string): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v.trim());
  if (!m) return undefined;
  const given = m[3] !== undefined ? 3 : m[2] !== undefined ? 2 : 1;
  return { parts: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)], given, pre: m[4] ?? '' };
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a.parts[i] !== b.parts[i]) return a.parts[i]! - b.parts[i]!;
  if (a.pre === b.pre) return 0;
  if (a.pre === '') return 1;
  if (b.pre === '') return -1;
  return a.pre < b.pre ? -1 : 1;
}

/**
 * Whether a version satisfies a module `version` constraint (`= 1.2.0`, `>= 1.0, < 2.0`, `~> 19.21`,
 * `!= 1.3.0`); undefined when the constraint or the version cannot be read, so nothing is said. A
 * pre-release matches only a constraint naming it exactly, as in Terraform.
 */
export function versionMatches(constraint: string, version: string): boolean | undefined {
  const v = parseVersion(version);
  if (!v) return undefined;
  let exact = false;
  for (const part of constraint.split(',')) {
    const m = /^\s*(=|!=|>=|<=|>|<|~>)?\s*(\S+)\s*$/.exec(part);
    if (!m) return undefined;
    const c = parseVersion(m[2]!);
    if (!c) return undefined;
    const op = m[1] ?? '=';
    const cmp = compare(v, c);
    if (op === '=' && cmp === 0) exact = true;
    const ok =
      op === '='
        ? cmp === 0
        : op === '!='
          ? cmp !== 0
          : op === '>'
            ? cmp > 0
            : op === '>='
              ? cmp >= 0
              : op === '<'
                ? cmp < 0
                : op === '<='
                  ? cmp <= 0
                  : cmp >= 0 && compare(v, upperOfPessimistic(c)) < 0;
    if (!ok) return false;
  }
  return v.pre === '' || exact;
}

/** The exclusive upper bound of `~> c`: the next value of the last but one given part. */
function upperOfPessimistic(c: Version): Version {
  const [a, b] = c.parts;
  const parts: Triple = c.given <= 2 ? [a + 1, 0, 0] : [a, b + 1, 0];
  return { parts, given: 3, pre: '' };
}
