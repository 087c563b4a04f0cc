export { DocstreamError, isDocstreamError, type ErrorCode, type FieldProblem, type Lang } from './errors.js';
export type { Clock } from './clock.js';
export { systemClock } from './clock.js';
export {
  loadSettings, saveSetting, langFrom, settingsFromOptions, overridesFromOptions, resolveSettings, settingsFilePath, cycleModeFrom, cycleMinutesFrom,
  CYCLE_MODES, DEFAULT_CYCLE_INTERVAL_MINUTES, MAX_CYCLE_INTERVAL_MINUTES,
  type Settings, type StoredSettings, type SettingKey, type SettingSource, type ResolvedSetting, type ResolvedSettings, type CycleMode,
} from './settings.js';
export {
  EDITABLE_SETTINGS, maskUrl, parseSettingInput, describeSettings,
  type EditableSetting, type CentreEditableSetting, type ServerEditableSetting, type SettingsSide, type SettingView,
} from './settings-input.js';
export { settingsReport, type ReportedSetting, type SettingReport, type SettingsReport } from './server/settings-report.js';
export type { Database, Queryable } from './db/database.js';
export { createDatabase } from './db/database.js';
export { openDatabase, databaseIdentity } from './db/open.js';
export { deferDatabase, type DeferredDatabase } from './db/deferred.js';
export { embeddedForThroughput } from './db/embedded.js';
export { migrate, pendingMigrations, loadMigrations, type Side } from './db/migrate.js';
export { translateDbError } from './db/sql-errors.js';
export type { FormDef, FieldDef, FieldType, Rule, Label, DocumentData, PersonName, TallyLine } from './forms/types.js';
export { validateDocument, searchableNames, displayNames, eventDateOf } from './forms/validate.js';
export { checkFormDefinition, shippedForms } from './forms/definition.js';
export { formatNiu, parseNiu, isValidNiu, niuCheckDigits } from './forms/niu.js';
export { normaliseName } from './forms/normalise.js';
export { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from './crypto/passwords.js';
export { canonicalJson, auditHash, ChainVerifier, type AuditRow, type ChainReport } from './audit/chain.js';
export { createCentre, DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_CENTRE, type Centre, type InitInput } from './centre/create-centre.js';
export { Privilege, PRIVILEGE_LABELS, parsePrivilege } from './centre/privileges.js';
export type { Session } from './auth/session.js';
export type { UserView } from './auth/accounts.js';
export { MAX_FAILED_LOGINS, LOCKOUT_MINUTES } from './centre/users.js';
export { STATUS_LABELS, STAGE_LABELS, type DocumentView, type SearchInput, type SearchPage } from './centre/documents.js';
export type { Stage, SearchHit } from './centre/queries/documents.js';
export { createServer, type Server } from './server/create-server.js';
export { localDate } from './util/dates.js';
export { insertValidatedDocuments, BULK_BATCH_SIZE, type BulkValidatedDocument } from './centre/queries/bulk.js';
export type { KeyAccess } from './crypto/key-access.js';
export { keyAccessFrom, embeddedBrokerUrl } from './transport/key-settings.js';
export { newEnrolmentCode, normaliseEnrolmentCode } from './crypto/enrolment.js';
export { certificateInfo, type CertInfo } from './crypto/pki.js';
export { EXPIRY_WARNING_DAYS, CERTIFICATE_PAGE_MAX, type CertificateSummary, type PkiOverview, type CertificateStatus, type ListedCertificate } from './server/pki-reads.js';
export { CLIENT_STATUS_LABELS, CLIENT_PAGE_MAX, type ClientInput, type ClientPage, type ClientPageInput } from './server/clients.js';
export type { ClientRow, ClientListRow } from './server/queries/clients.js';
export type { TrafficRow } from './server/queries/exchange.js';
export type { ReceiveResult, Outcome, Reply } from './server/ingest.js';
export { DEFAULT_PACK, CENTRE_KEY_FILE, type PackOptions, type Transmission, type CentreReceive } from './centre/transmission.js';
export { startCentreService, type CentreServiceOptions, type RunningService } from './transport/centre-service.js';
export { startServerService, type ServerServiceOptions, type RunningServer } from './transport/server-service.js';
export { startEmbeddedBroker, EMBEDDED_BROKER_PORT, type EmbeddedBroker } from './transport/embedded-broker.js';
export { openLink, type Link, type LinkOptions } from './transport/mqtt-link.js';
export { upTopic, downTopic, BROADCAST_TOPIC } from './transport/topics.js';
export { fileLineLogger, jsonLineLogger, silentLog, type LogFn } from './transport/log.js';
export { readBundle, writeBundle, type Bundle } from './transport/t2d.js';
export { encodePayload, decodePayload } from './transport/codec.js';
export type { Message, Header, WireDocument, AckEntry } from './transport/protocol.js';
export { exchangeBundle, answerBundle, importAnswer } from './transport/t2d-exchange.js';
export { readSecret, readNewPassword, promptHidden, readStdinText } from './terminal/secrets.js';
export { OperatorPrivilege, OPERATOR_PRIVILEGE_LABELS, type Guard } from './server/guard.js';
export { DEMO_SUPERVISOR, parseOperatorPrivilege } from './server/operators.js';
export type { AccountRow, LedgerRow, LedgerMismatch } from './server/queries/accounts.js';
export type { Statement } from './server/accounts.js';
export type { MessageRow } from './server/queries/messages.js';
export type { SignatoryRow } from './server/queries/signatories.js';
export {
  createStatistics, writeFileAside, centralCriteria, countCriteria, csvChunk, EXPORT_PAGE_SIZE, SEARCH_CSV_COLUMNS,
  type Statistics, type CentralSearchInput, type CentralSearchPage, type CountsInput, type CsvOptions,
} from './server/statistics.js';
export type { CountRow, CountDimension, Period, DateBasis } from './server/queries/statistics.js';
export { searchCentralDocuments, centralDocumentsByNumero, type CentralCriteria, type CentralHit, type CentralDocument } from './server/queries/search.js';
export { REPORTING_LOGIN_PATTERN } from './server/reporting.js';
export { CENTRAL_STATUS_LABELS, type Documents, type DocumentDetail, type HistoryEntry, type ContainerRef } from './server/documents.js';
export {
  DECISIONS, DECISION_LABELS, DECISION_EFFECTS, type ConflictDecision, type ConflictState, type ConflictSummary, type ConflictDetail,
  type ConflictVersion, type ConflictResolution, type ConflictListInput, type ConflictPage,
} from './server/conflicts.js';
export { releaseHint, type HeldState, type QuarantineCentre, type QuarantinePage, type QuarantinedContainer, type ContainerPage, type RejectResult } from './server/quarantine.js';
export { fieldText, fieldRows, compareFields, type FieldRow, type ComparedField } from './forms/field-text.js';
export { runBrokerTest, redactBrokerUrl, type BrokerTestOptions, type BrokerTestPhase, type BrokerTestResult } from './transport/broker-test.js';
export {
  checkTemplate, defaultTemplate, shippedTemplate, templateFor, fillPlaceholders, pageSizeMm,
  PLACEHOLDERS, FONTS, PAGE_SIZES_MM, DEFAULT_QR_MM, MIN_QR_MM,
  type PrintTemplate, type Block, type TextBlock, type FieldBlock, type LogoBlock, type CopyBlock,
  type SignatoryBlock, type QrBlock, type LineBlock, type FontName, type PageSize, type Orientation,
  type Placeholder, type CheckOptions,
} from './print/template.js';
export { renderCopy, qrVersionFor, type RenderInput, type QrLevel } from './print/render.js';
export { frenchDate, personName, formatValue, winAnsi, EMPTY } from './print/format.js';
export { sealFields, sealFieldDefs } from './print/seal-fields.js';
export { SEAL_PREFIX, makeSeal, verifySeal, attestSealKey, readAttestation, type SealContent, type SealCheck, type SealVerdict, type TrustList } from './crypto/qr-seal.js';
export { generateSealKeyPair, compressedPoint, publicKeyFromPoint, sealKeyId } from './crypto/cose.js';
export { VERDICT_LABELS, type Verification, type Copies } from './centre/copies.js';
export { electionFromCsv, reportOf, REPORT_FORM, type ElectionInput, type Results as ElectionResults, type Elections, type FlagReason, type FlaggedReport } from './server/elections.js';
export type { AreaLevel, Candidate, StationInput } from './server/queries/elections.js';
export { hostCentreService, type CentreServiceHost, type HostState, type HostPhase } from './transport/centre-service-host.js';
export { hostServerService, type ServerServiceHost, type ServerHostState, type ServerHostOptions } from './transport/server-service-host.js';
export { startDemoNetwork, demoKeyAccess, DEMO_PASSPHRASE_FILE, type DemoNetwork } from './demo/demo-network.js';
export {
  MONITOR_COLUMNS, REJECTION_STEP_LABELS, SERVICE_STATE_LABELS, foldName, monitorCriteria,
  type Monitor, type MonitorInput, type MonitorSnapshot, type MonitorSort, type SortDirection, type MonitorCentre,
  type MonitorService, type MonitorRejection, type MonitorConflict, type RateBucket, type RateTotals,
} from './server/monitor.js';
export { HEARTBEAT_MS, STALE_AFTER_BEATS, type ServiceAnnouncement, type ServiceBeacon } from './server/service-state.js';
