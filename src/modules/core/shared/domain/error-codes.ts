/**
 * Every code an `AppError` (and so an API error body) can carry. Clients switch on these and the
 * en/ru dictionaries are typed by this list, so a new code without a translation does not compile.
 */
export const ERROR_CODES = [
  // request plumbing
  "internal",
  "not_found",
  "unauthenticated",
  "rate_limited",
  "origin_mismatch",
  "payload_too_large",
  "unsupported_content_type",
  "invalid_json",
  "invalid_path",
  "validation_failed",
  "invalid_locale",
  "database_unavailable",
  "media_unavailable",
  // identity
  "account_not_linked",
  "email_not_verified",
  "email_required",
  "dev_sign_in_provider_account",
  "user_not_found",
  "invalid_multipart",
  "file_required",
  "avatar_too_large",
  "unsupported_image",
  // spaces
  "forbidden",
  "space_not_found",
  "member_not_found",
  "already_member",
  "invitation_not_found",
  "last_owner",
  "invite_link_off",
  // sessions
  "session_not_found",
  "session_ended",
  "session_full",
  "display_name_required",
  "join_required",
  "caption_language_unsupported",
  // lobby
  "knock_required",
  "lobby_waiting",
  "lobby_denied",
  "lobby_not_needed",
  "knock_not_found",
  "guests_not_allowed",
  "participant_not_found",
  "participant_removed",
  "cannot_remove_self",
  // transcription
  "captions_unavailable",
  "captions_busy",
  "captions_disabled",
  "glossary_too_many_terms",
  "glossary_term_too_long",
  "glossary_term_invalid",
  // tasks
  "task_not_found",
  "assignee_not_member",
  // analysis
  "analysis_not_ready",
  "analysis_in_progress",
  // recording
  "recording_not_allowed",
  "recording_already_running",
  "recording_not_found",
  "recording_not_ready",
  "recording_still_running",
  "recorder_busy",
  "session_not_live",
  // monitoring
  "invalid_envelope",
  "envelope_dsn_mismatch",
  "monitoring_unavailable",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
