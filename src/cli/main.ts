/**
 * The `tokentier` command-line tool (foundation slice: `--version` and `--help`; issue 8 adds scan/diff/tiers).
 */
const VERSION = '0.1.0';

function main(argv: readonly string[]): number {
  if (argv.includes('--version')) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  process.stdout.write('Usage: tokentier <scan|diff|tiers> [options]\n');
  return argv.length === 0 || argv.includes('--help') ? 0 : 2;
}

process.exitCode = main(process.argv.slice(2));
