/** Command-line parsing for `snclint`: no dependency, strict about unknown options and values. */

/** Output formats `--format` accepts. */
export const FORMATS = ['stylish', 'json'] as const;
/** A report format. */
export type Format = (typeof FORMATS)[number];

/** Levels `--fail-on` accepts, strictest last. */
export const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;
/** The lowest severity that makes the run fail, or `none`. */
export type FailOn = (typeof FAIL_ON)[number];

/** What the command line asks for. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'lint'; readonly paths: readonly string[]; readonly format: Format; readonly failOn: FailOn };

/** A mistake on the command line; the message is shown after `snclint: `. */
export class UsageError extends Error {}

/** The text `--help` prints. */
export const HELP = `Usage: snclint [options] [paths...]

Checks Terraform and Kubernetes files against SecNumCloud 3.2 requirements.
Paths are files or folders (default: the current folder); folders are searched
recursively for .tf, .tf.json, .tfvars, .yaml, .yml and .json files, skipping
node_modules, .terraform and hidden folders.

Options:
  -f, --format <stylish|json>              Report format (default: stylish)
      --fail-on <error|warning|info|none>  Lowest severity that fails the run (default: error)
  -h, --help                               Show this help
  -v, --version                            Show the version

Exit codes:
  0  nothing at or above the --fail-on level
  1  at least one finding (or unreadable or unparsable file) at or above it
  2  usage error, missing path or internal error
`;

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || value === '') throw new UsageError(`option ${option} needs a value (${allowed.join(', ')})`);
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`invalid value '${value}' for ${option} (expected ${allowed.join(', ')})`);
  return value as T;
}

/** Parses the arguments after `node cli.js`. Throws UsageError on a mistake. */
export function parseArgs(argv: readonly string[]): Command {
  const paths: string[] = [];
  let format: Format = 'stylish';
  let failOn: FailOn = 'error';
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    switch (name) {
      case '-f':
      case '--format':
        format = oneOf('--format', value(), FORMATS);
        break;
      case '--fail-on':
        failOn = oneOf('--fail-on', value(), FAIL_ON);
        break;
      case '-h':
      case '--help':
        help = true;
        break;
      case '-v':
      case '--version':
        version = true;
        break;
      default:
        throw new UsageError(`unknown option '${name}' (see snclint --help)`);
    }
    if (inline !== undefined && (name === '--help' || name === '--version')) throw new UsageError(`option ${name} takes no value`);
  }
  if (help) return { kind: 'help' };
  if (version) return { kind: 'version' };
  return { kind: 'lint', paths: paths.length ? paths : ['.'], format, failOn };
}
