import type { DiagnosticNotice } from '../core/commands';
import type { DiagnosticSeverity } from '../domain/diagnostics';

/** A diagnostic notice as lint-portal and the test-portal agent report it: flat, its message redacted. */
export interface NoticeFields {
  readonly severity: DiagnosticSeverity;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly entryPoint: string | null;
  readonly operationId: string | null;
}

/** Flatten `notice`, passing its message through `redact` (it may quote an activation code). */
export function noticeFields(notice: DiagnosticNotice, redact: (text: string) => string): NoticeFields {
  const { diagnostic } = notice;
  return {
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: redact(diagnostic.message),
    ...(diagnostic.field === undefined ? {} : { field: diagnostic.field }),
    entryPoint: notice.entryPoint,
    operationId: notice.operationId,
  };
}
