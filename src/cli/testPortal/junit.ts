/**
 * The report as JUnit XML (junit-report-builder, an optional peer), so an operator's CI shows
 * each hand-off and each kind of finding as a test case: a hand-off fails when an error belongs
 * to it; a kind of finding fails when one of its findings is an error.
 */
import { UsageError } from '../io';
import { findingLine, type PortalFinding, type TestPortalReport } from './report';

/**
 * Write the report to `file` as JUnit XML.
 *
 * @throws UsageError when junit-report-builder is not installed
 */
export async function writeJunit(report: TestPortalReport, file: string): Promise<void> {
  let builder: typeof import('junit-report-builder').default;
  try {
    builder = (await import('junit-report-builder')).default;
  } catch {
    throw new UsageError('--junit needs junit-report-builder: npm i -D junit-report-builder');
  }
  const junit = builder.newBuilder();
  const handOffs = junit.testSuite().name(`test-portal hand-offs: ${report.target}`);
  for (const handOff of report.handOffs) {
    const op = handOff.operation;
    const name = `hand-off ${handOff.index}: ${handOff.entryPoint}${op === null ? '' : ` ${op.id} ${op.flow} → ${op.state}`}`;
    const test = handOffs.testCase().className('test-portal.handOff').name(name);
    const errors = handOff.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) test.failure(errors.map(findingLine).join('\n'), 'portalError');
    const out = [`${handOff.entryPoint} ${handOff.reply}`, ...handOff.callbacks.map((c) => `callback ${c.script} ${c.args}`), ...handOff.findings.filter((f) => f.severity !== 'error').map(findingLine)];
    test.standardOutput(out.join('\n'));
  }
  const kinds = junit.testSuite().name(`test-portal findings: ${report.target}`);
  const byCode = new Map<string, PortalFinding[]>();
  for (const finding of report.findings) byCode.set(finding.code, [...(byCode.get(finding.code) ?? []), finding]);
  for (const [code, findings] of byCode) {
    const test = kinds.testCase().className('test-portal.finding').name(code);
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) test.failure(errors.map(findingLine).join('\n'), code);
    else test.standardOutput(findings.map(findingLine).join('\n'));
  }
  junit.writeTo(file);
}
