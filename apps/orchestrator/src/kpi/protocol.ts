/**
 * The KPI wire schemas, re-exported from `packages/shared/src/protocol/kpi.ts` by path until
 * `@telekiosk/shared` exports them; then this can become `export * from '@telekiosk/shared'`
 * (both resolve to the same module, so nothing else changes).
 */
export * from '../../../../packages/shared/src/protocol/kpi.ts';
