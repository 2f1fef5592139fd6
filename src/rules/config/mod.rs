//! PL9xx: pushlint's own configuration: unknown keys and rule codes in `pushlint.toml` and in
//! suppressions, and suppressions that silence nothing (reported by `crate::suppress`).

mod config_key_unknown;
mod config_rule_unknown;
mod suppression_unused;

use super::Rule;
pub(crate) use config_key_unknown::CONFIG_KEY_UNKNOWN;
pub(crate) use config_rule_unknown::CONFIG_RULE_UNKNOWN;
pub(crate) use suppression_unused::SUPPRESSION_UNUSED;

pub static RULES: &[&Rule] = &[
    &config_key_unknown::CONFIG_KEY_UNKNOWN,
    &config_rule_unknown::CONFIG_RULE_UNKNOWN,
    &suppression_unused::SUPPRESSION_UNUSED,
];
