//! What every command and the dialog work on, resolved from the command line and the
//! environment by `main`.

use std::path::PathBuf;

use time::OffsetDateTime;

use crate::consent::{Status, store};
use crate::i18n::Localizer;
use crate::policy::{Policy, message};

/// What every command works on, resolved from the command line and the environment.
pub struct Context {
    pub policy: Policy,
    pub l10n: Localizer,
    pub consent_path: PathBuf,
    pub now: OffsetDateTime,
}

impl Context {
    pub fn status(&self) -> Status {
        store::status(&self.consent_path, &self.policy, self.now)
    }

    pub(crate) fn category_name(&self, id: &str) -> String {
        self.l10n.t(&message::category(id))
    }
}
