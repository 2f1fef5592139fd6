//! Command-line definitions (clap) only; the command modules beside it act on them.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "pushlint", version = env!("PUSHLINT_VERSION"), about = "Lint the offline-push configuration of Android apps", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per run, so the size of the `check` variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint the project(s) containing each PATH (the default command)
    Check(CheckArgs),
    /// List every rule: code, name, family, default severity, summary
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Write one Markdown page per rule and an index (README.md) into DIR
        #[arg(long, value_name = "DIR")]
        markdown: Option<PathBuf>,
        /// Print the supported integrations instead: vendor × route (Markdown table)
        #[arg(long, conflicts_with = "markdown")]
        integrations: bool,
    },
    /// Print a rule's full documentation
    Explain {
        /// A rule code (PL101) or name (click-action-no-matching-filter)
        rule: String,
    },
    /// Print a JSON Schema shipped inside the binary
    Schema {
        #[arg(value_enum)]
        which: SchemaKind,
    },
    /// Show the configuration in effect for a project (takes the options of `check`)
    Config {
        /// Print the effective configuration (pushlint.toml merged with the options) as TOML
        #[arg(long)]
        show: bool,
        #[command(flatten)]
        check: CheckArgs,
    },
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or with --dir write one page per command
    Man {
        /// Write pushlint.1 and a pushlint-COMMAND.1 page per command into DIR
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Print one app variant's merged manifest, each element with where it comes from
    Manifest(ManifestArgs),
    /// Show, per app variant and vendor, the state of each integration step
    Status(StatusArgs),
    /// Run the language server (LSP 3.17) on standard input and output, for editors
    ///
    /// Lints the Gradle projects of the workspace folders and of each opened document from the
    /// editor's unsaved text, publishes the findings of every file involved, and offers fixes,
    /// suppressions and each rule's documentation on hover; it never writes a file. Its exit
    /// status is 0 after the client's shutdown request and exit notification, 1 on an exit
    /// without shutdown or a closed connection, 2 when the session cannot start.
    Server,
}

#[derive(Args, Debug, Default)]
pub struct StatusArgs {
    /// Files or folders inside the project(s)
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = StatusFormat::Human)]
    pub format: StatusFormat,
    /// Write the report to FILE (atomically) instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Use this configuration file instead of the pushlint.toml found by walking up
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// A console settings snapshot (repeatable); default: push-console.json at the project root
    #[arg(long = "console", value_name = "FILE")]
    pub consoles: Vec<PathBuf>,
    /// Run only these rules (codes, names or prefixes such as PL1), comma-separated
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these rules (codes, names or prefixes), comma-separated
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Run these rules (codes, names or prefixes) in addition to the selected ones, comma-separated
    #[arg(long, value_delimiter = ',')]
    pub extend_select: Vec<String>,
    /// The lowest severity that makes the exit code 1
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Exit 0 even when there are findings
    #[arg(long)]
    pub exit_zero: bool,
    /// Show only this variant (repeatable), e.g. chinaRelease
    #[arg(long = "variant", value_name = "NAME")]
    pub variants: Vec<String>,
    /// A folder of extra or overriding vendor catalog files (*.toml)
    #[arg(long = "rules", value_name = "DIR")]
    pub rules_dir: Option<PathBuf>,
    /// Colour in human output: auto colours a terminal unless NO_COLOR is set (FORCE_COLOR or
    /// CLICOLOR_FORCE colour any output)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The Gradle user home whose caches hold downloaded AARs (default: $GRADLE_USER_HOME, else ~/.gradle)
    #[arg(long, value_name = "DIR")]
    pub gradle_user_home: Option<PathBuf>,
    /// Read no library (AAR) manifest from disk; what the catalog knows of libraries still applies
    #[arg(long)]
    pub no_library_manifests: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum StatusFormat {
    /// A line per vendor of each variant, a symbol per step, and a summary line per variant
    #[default]
    Human,
    /// The matrix as JSON (`pushlint schema status`)
    Json,
    /// One self-contained HTML page: the matrix, then every finding with its source
    Html,
}

#[derive(Args, Debug, Default)]
pub struct ManifestArgs {
    /// A file or folder inside the project
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// The variant, e.g. chinaRelease (needed when the module has more than one)
    #[arg(long, value_name = "NAME")]
    pub variant: Option<String>,
    /// The application module, e.g. :app (needed when the project has several and PATH is in none)
    #[arg(long, value_name = "PATH")]
    pub module: Option<String>,
    /// Use this configuration file instead of the pushlint.toml found by walking up
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The Gradle user home whose caches hold downloaded AARs (default: $GRADLE_USER_HOME, else ~/.gradle)
    #[arg(long, value_name = "DIR")]
    pub gradle_user_home: Option<PathBuf>,
    /// Read no library (AAR) manifest from disk
    #[arg(long)]
    pub no_library_manifests: bool,
}

#[derive(Args, Debug, Default)]
pub struct CheckArgs {
    /// Files or folders inside the project(s) to lint
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to FILE (atomically) instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Use this configuration file instead of the pushlint.toml found by walking up
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// A console settings snapshot (repeatable); default: push-console.json at the project root
    #[arg(long = "console", value_name = "FILE")]
    pub consoles: Vec<PathBuf>,
    /// Run only these rules (codes, names or prefixes such as PL1), comma-separated
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these rules (codes, names or prefixes), comma-separated
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Run these rules (codes, names or prefixes) in addition to the selected ones, comma-separated
    #[arg(long, value_delimiter = ',')]
    pub extend_select: Vec<String>,
    /// The lowest severity that makes the exit code 1
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Exit 0 even when there are findings
    #[arg(long)]
    pub exit_zero: bool,
    /// Also exit 1 when there are more than N warnings
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Print the number of findings of each rule instead of the findings
    #[arg(long)]
    pub statistics: bool,
    /// Print the configuration in effect for the project (as `pushlint config --show`) and exit
    #[arg(long)]
    pub show_settings: bool,
    /// Check only this variant (repeatable), e.g. chinaRelease
    #[arg(long = "variant", value_name = "NAME")]
    pub variants: Vec<String>,
    /// A folder of extra or overriding vendor catalog files (*.toml)
    #[arg(long = "rules", value_name = "DIR")]
    pub rules_dir: Option<PathBuf>,
    /// Skip PATHs that lie in no Gradle project instead of failing (for pre-commit's file lists)
    #[arg(long)]
    pub skip_outside_projects: bool,
    /// Lint with this file's content read from standard input
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Colour in human output: auto colours a terminal unless NO_COLOR is set (FORCE_COLOR or
    /// CLICOLOR_FORCE colour any output)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print only the findings, no summary line
    #[arg(long, short)]
    pub quiet: bool,
    /// Do not report findings recorded in this baseline file
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// With --baseline: list baseline entries that match nothing any more and exit 1
    #[arg(long, requires = "baseline")]
    pub baseline_strict: bool,
    /// Record every finding in this baseline file (JSON) and exit 0
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Show which vendors each app variant integrates, and the evidence (human format)
    #[arg(long)]
    pub explain_detection: bool,
    /// The Gradle user home whose caches hold downloaded AARs (default: $GRADLE_USER_HOME, else ~/.gradle)
    #[arg(long, value_name = "DIR")]
    pub gradle_user_home: Option<PathBuf>,
    /// Read no library (AAR) manifest from disk; what the catalog knows of libraries still applies
    #[arg(long)]
    pub no_library_manifests: bool,
    /// Apply the safe fixes of the findings (files are rewritten), then report what is left
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff: apply the unsafe fixes too (review the result)
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change and write nothing; exit 1 when there is one
    #[arg(long)]
    pub diff: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Each finding with its source snippets, labels, note and help, then a summary line
    #[default]
    Human,
    /// One line per finding: file:line:col: CODE message
    Concise,
    /// The versioned JSON report, one document per run (`pushlint schema diagnostics`)
    Json,
    /// SARIF 2.1.0 (GitHub code scanning and other code-scanning services)
    Sarif,
    /// GitHub Actions workflow-command annotations
    Github,
    /// Checkstyle XML (Jenkins warnings-ng, reviewdog)
    Checkstyle,
    /// GitLab Code Quality JSON (`artifacts: reports: codequality`)
    Gitlab,
    /// JUnit XML: a test case per rule and file (CI test-report views)
    Junit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum FailOn {
    #[default]
    Error,
    Warning,
    Info,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Console,
    Diagnostics,
    Status,
}

/// Subcommand names; anything else in first position means `check`.
pub const SUBCOMMANDS: &[&str] = &[
    "check",
    "rules",
    "explain",
    "schema",
    "config",
    "completions",
    "man",
    "manifest",
    "server",
    "status",
    "help",
];
