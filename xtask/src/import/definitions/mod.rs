//! `cargo xtask import-definitions`: the official machine-readable definitions to specs,
//! merged with the doc-page specs (see [`merge()`]).
//!
//! Sources, pinned in [`packages`]: the `tccli` wheel holds
//! `tccli/services/{service}/v{YYYYMMDD}/api.json` and `examples.json` of every service version
//! (300 versions of 262 services in 3.1.189.1; see [`selection`] for which are imported); the
//! all-services SDK `tencentcloud-sdk-python` holds each one's
//! `tencentcloud/{service}/v{YYYYMMDD}/errorcodes.py`.
//!
//! `api.json` as found (tccli 3.1.189.1; the conversion rules are in `convert`):
//! - top level: `version` (`1.0`, the format), `metadata` (`apiVersion`, `serviceShortName`,
//!   `api_brief`, `serviceNameCN`), `actions` and `objects`, both keyed by name.
//! - action: `name` (the title, e.g. `查询集成任务详情`), `document`, `input`/`output` (object
//!   names `{Action}Request`/`{Action}Response`), `status` (`online`, or `deprecated`: the only
//!   deprecation marker; titles then also say `（废弃）`; `offline` on chdfs 2019-07-18; absent
//!   in ten older versions), `skip_sign` (sts: called unsigned). No per-action error codes.
//! - object: `document`, `members`; request/response objects have `type: object` and no
//!   `usage`, all others `usage` `in`/`out`/`both` and no `type`. A few non-action objects are
//!   named `...Request`/`...Response` too, so the role comes from the actions, not the name.
//! - member: `name`, `type` (string, int, float, bool, binary, object, list: the JSON kind),
//!   `member` (the precise type: string, int64, uint64, float, bool, datetime, datetime_iso,
//!   date, binary, an object name, or a list's element), `document` (HTML), `example` (text;
//!   `无` or empty for none), `disabled`, and the flags: `required` on input-side members,
//!   `output_required` and `value_allowed_null` on output-side ones (`both` objects carry all
//!   three, some only some; databuddy writes `1` for `true`). The response's `RequestId` has
//!   only name, type, member, document.
//! - `examples.json`: `actions.{Action}` = list of `{title, document, input, output}`; `input`
//!   is the HTTP request as text, `output` the JSON response with its envelope (see `examples`).
//! - `errorcodes.py`: `# description` then `NAME = 'Code'` per code (see `error_codes`).
//!
//! English docs come from the international site's packages, also pinned: the `tccli-intl-en`
//! wheel (the same `api.json`/`examples.json` layout, in English, for fewer actions) and the
//! all-services `tencentcloud-sdk-python-intl-en` (`errorcodes.py` in English). They are
//! converted the same way and laid over the merged spec by wire name (see `english`).

mod command;
mod convert;
mod english;
mod error;
mod error_codes;
mod examples;
mod member_type;
mod merge;
mod merge_report;
mod note;
mod package_file;
pub mod packages;
mod page_spec;
mod raw;
mod report_text;
pub mod selection;

pub use command::{default_services, run, write_imported, Imported, Importer, PackageArgs, Packages, SERVICES_FILE};
pub use convert::{convert, Conversion, DefinitionFiles};
pub use english::{overlay as overlay_english, Count, EnglishReport};
pub use error::DefinitionsError;
pub use merge::merge;
pub use merge_report::{Entry, MergeReport};
pub use note::Note;
pub use package_file::PackageFile;
pub use page_spec::{build_page_spec, PageSpec};
pub use report_text::report_text;
