import { run } from '../../src/cli/main';

/** What one in-process CLI run printed, and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `mobile-plans <argv>` in-process, capturing both streams. */
export async function runCli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

/** Each command or callback line with the virtual time of the step it belongs to. */
export function stepLines(stdout: string): Array<{ time: string; text: string }> {
  let time = '';
  const out: Array<{ time: string; text: string }> = [];
  for (const line of stdout.split('\n')) {
    const timed = /^(\+\d{2,}:\d{2}:\d{2}) {2}(.*)$/.exec(line);
    if (timed !== null) {
      time = timed[1]!;
      out.push({ time, text: timed[2]! });
    } else if (line.startsWith(' ') && time !== '') {
      out.push({ time, text: line.trim() });
    }
  }
  return out;
}
