//! `pushlint server`: a language server (LSP 3.17 over standard input and output). It lints the
//! projects of the open documents from their unsaved text, publishes every affected file's
//! findings, and offers fixes, suppressions and the rules' documentation. It never writes a file.

mod actions;
mod convert;
mod documents;
mod projects;

use crate::config::Config;
use crossbeam_channel::RecvTimeoutError;
use documents::Documents;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self as notif, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    DidChangeWatchedFilesRegistrationOptions, FileChangeType, FileSystemWatcher, GlobPattern, MessageType,
    PublishDiagnosticsParams, Registration, RegistrationParams, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
    WatchKind,
};
use projects::{Outcome, Project};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Bounds of the quiet period after an edit: the project's last lint time, so a small project
/// re-lints at once and a large one waits for a pause in typing.
const MIN_QUIET: Duration = Duration::from_millis(5);
const MAX_QUIET: Duration = Duration::from_millis(300);

/// Runs the server on standard input and output until the client says `exit`; the exit code is
/// 0 after a `shutdown` request, 1 otherwise (LSP 3.17).
pub fn run() -> Result<i32, String> {
    let (connection, io) = Connection::stdio();
    let code = serve(connection)?;
    io.join().map_err(|e| format!("language server connection: {e}"))?;
    Ok(code)
}

/// Serves one client over `connection` (stdio, or in memory in tests).
pub fn serve(connection: Connection) -> Result<i32, String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: lsp_types::InitializeParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "pushlint", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result).map_err(|e| e.to_string())?;
    let mut server = Server::new(connection, &params);
    Ok(server.main_loop())
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            // Configuration files are small: the whole text is simpler and as fast as deltas.
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..Default::default()
        })),
        code_action_provider: Some(lsp_types::CodeActionProviderCapability::Options(
            lsp_types::CodeActionOptions {
                code_action_kinds: Some(vec![lsp_types::CodeActionKind::QUICKFIX]),
                ..Default::default()
            },
        )),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        workspace: Some(lsp_types::WorkspaceServerCapabilities {
            workspace_folders: Some(lsp_types::WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(lsp_types::OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..Default::default()
    }
}

/// How a file on disk changed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Disk {
    Changed,
    CreatedOrDeleted,
    /// Saved from the editor (the watcher reports the change too).
    Saved,
    /// Saved without file watching: anything may have changed on disk since the last lint.
    Unknown,
}

struct Server {
    connection: Connection,
    docs: Documents,
    projects: Vec<Project>,
    /// Vendor catalogs by rules directory: parsed once per session.
    catalogs: HashMap<Option<PathBuf>, Arc<crate::catalog::Catalog>>,
    /// The configuration before each project's `pushlint.toml` (user folders for AARs).
    base: Config,
    /// What was last published per file (its document version and findings), to send only changes.
    published: HashMap<PathBuf, (Option<i32>, Vec<lsp_types::Diagnostic>)>,
    /// The client tells us about files changed on disk.
    watching: bool,
    /// A fixed quiet period set by the client (`initializationOptions.debounceMs`).
    quiet: Option<Duration>,
    shutdown: bool,
}

impl Server {
    fn new(connection: Connection, params: &lsp_types::InitializeParams) -> Server {
        let watching = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        let quiet = params
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("debounceMs"))
            .and_then(serde_json::Value::as_u64)
            .map(Duration::from_millis);
        let mut server = Server {
            connection,
            docs: Documents::default(),
            projects: Vec::new(),
            catalogs: HashMap::new(),
            base: Config::default().with_user_folders(),
            published: HashMap::new(),
            watching,
            quiet,
            shutdown: false,
        };
        let mut folders: Vec<PathBuf> =
            params.workspace_folders.iter().flatten().filter_map(|f| f.uri.to_file_path().ok()).collect();
        #[allow(deprecated)] // `rootUri` is how clients without workspace folders name theirs.
        if folders.is_empty() {
            folders.extend(params.root_uri.as_ref().and_then(|u| u.to_file_path().ok()));
        }
        for f in folders {
            server.add_folder(&f);
        }
        server
    }

    fn main_loop(&mut self) -> i32 {
        loop {
            let due = self.projects.iter().filter_map(|p| p.due).min();
            let msg = match due {
                Some(at) => {
                    match self.connection.receiver.recv_timeout(at.saturating_duration_since(Instant::now()))
                    {
                        Ok(m) => Some(m),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return 1,
                    }
                }
                None => match self.connection.receiver.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return 1,
                },
            };
            // Lints catch their own panics; this guard is for a bug anywhere else in a handler.
            let guard = |server: &mut Server, what: String, f: &mut dyn FnMut(&mut Server)| {
                let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(server)));
                if run.is_err() {
                    server.log(
                        MessageType::ERROR,
                        format!("pushlint crashed handling {what}; this is a bug, please report it"),
                    );
                }
                run.is_ok()
            };
            match msg {
                None => {
                    guard(self, "a lint".into(), &mut |s| s.lint_due());
                }
                Some(Message::Request(r)) => {
                    let (id, what) = (r.id.clone(), r.method.clone());
                    let mut r = Some(r);
                    let answered = guard(self, what, &mut |s| {
                        if let Some(r) = r.take() {
                            s.request(r)
                        }
                    });
                    if !answered {
                        self.send(Response::new_err(
                            id,
                            ErrorCode::InternalError as i32,
                            "internal error".into(),
                        ));
                    }
                }
                Some(Message::Notification(n)) if n.method == notif::Exit::METHOD => {
                    return if self.shutdown { 0 } else { 1 };
                }
                Some(Message::Notification(n)) => {
                    let what = n.method.clone();
                    let mut n = Some(n);
                    guard(self, what, &mut |s| {
                        if let Some(n) = n.take() {
                            s.notification(n)
                        }
                    });
                }
                Some(Message::Response(_)) => {}
            }
        }
    }

    fn send(&self, m: impl Into<Message>) {
        let _ = self.connection.sender.send(m.into());
    }

    fn log(&self, typ: MessageType, message: String) {
        let params = lsp_types::LogMessageParams { typ, message };
        self.send(Notification::new(notif::LogMessage::METHOD.into(), params));
    }

    /// Registers the projects of a workspace folder and lints them.
    fn add_folder(&mut self, folder: &Path) {
        for root in projects::in_folder(folder) {
            self.project_at(root);
        }
    }

    /// The project at `root`, registered (and due for a first lint) if new.
    fn project_at(&mut self, root: PathBuf) -> usize {
        if let Some(i) = self.projects.iter().position(|p| p.root == root) {
            return i;
        }
        let mut p = Project::new(root, self.watching);
        p.due = Some(Instant::now());
        self.projects.push(p);
        self.projects.len() - 1
    }

    /// Pushes a project's lint back by its quiet period: edits in a row make one lint.
    fn touch(&mut self, i: usize) {
        let Some(p) = self.projects.get_mut(i) else { return };
        let quiet = self.quiet.unwrap_or_else(|| p.cost.clamp(MIN_QUIET, MAX_QUIET));
        p.due = Some(Instant::now() + quiet);
    }

    /// The projects an edit of `path` with this text can change: those whose last lint read the
    /// file with another text. A file no project read is first linted with the project it is in.
    fn affected(&mut self, path: &Path, text: Option<&str>, open: bool) -> Vec<usize> {
        let hash = text.map(projects::text_hash);
        let readers: Vec<usize> =
            (0..self.projects.len()).filter(|&i| self.projects[i].files.contains_key(path)).collect();
        if readers.is_empty() && open {
            if let Ok(root) = crate::project::discover::find_root(path) {
                let known = self.projects.iter().any(|p| p.root == root);
                let i = self.project_at(root);
                // A project already linted did not read this file: the edit cannot change it.
                return if known { Vec::new() } else { vec![i] };
            }
        }
        readers
            .into_iter()
            .filter(|&i| hash.is_none() || self.projects[i].files.get(path) != hash.as_ref())
            .collect()
    }

    /// Lints the projects whose quiet period is over.
    fn lint_due(&mut self) {
        let now = Instant::now();
        for i in 0..self.projects.len() {
            if self.projects[i].due.is_some_and(|d| d <= now) {
                self.lint(i);
            }
        }
    }

    fn lint(&mut self, i: usize) {
        let Some(p) = self.projects.get_mut(i) else { return };
        p.due = None;
        let before: Vec<PathBuf> = p.findings.keys().cloned().collect();
        match p.lint(&self.base, &mut self.catalogs, &self.docs) {
            Outcome::Linted => {}
            Outcome::Failed(e) => {
                self.log(MessageType::ERROR, e);
                return;
            }
        }
        let mut files: Vec<PathBuf> = before;
        files.extend(self.projects[i].findings.keys().cloned());
        files.extend(self.docs.paths().filter(|p| self.projects[i].files.contains_key(*p)).cloned());
        files.sort();
        files.dedup();
        for f in files {
            self.publish(&f);
        }
    }

    /// Sends a file's findings (from every project that reads it) unless the client has them. An
    /// open document gets them once per version, even when there are none: the client learns
    /// that its text was linted.
    fn publish(&mut self, path: &Path) {
        let diagnostics: Vec<lsp_types::Diagnostic> =
            projects::findings_for(&self.projects, path).into_iter().map(|f| f.diagnostic.clone()).collect();
        let version = self.docs.at(path).map(|(_, d)| d.version);
        let Some(uri) = self.docs.uri_of(path) else { return };
        let last = self.published.get(path);
        let known = match last {
            Some((v, d)) => *v == version && *d == diagnostics,
            None => version.is_none() && diagnostics.is_empty(),
        };
        if known {
            return;
        }
        if diagnostics.is_empty() && version.is_none() {
            self.published.remove(path);
        } else {
            self.published.insert(path.to_path_buf(), (version, diagnostics.clone()));
        }
        let params = PublishDiagnosticsParams { uri, diagnostics, version };
        self.send(Notification::new(notif::PublishDiagnostics::METHOD.into(), params));
    }

    /// Lints now every project that reads `path` (or, not linted yet, holds it) and waits for a
    /// lint, so an answer about the document sees its latest text.
    fn flush(&mut self, path: &Path) {
        for i in 0..self.projects.len() {
            let p = &self.projects[i];
            let reads = p.files.contains_key(path) || (p.files.is_empty() && path.starts_with(&p.root));
            if p.due.is_some() && reads {
                self.lint(i);
            }
        }
    }

    fn request(&mut self, r: Request) {
        if self.shutdown {
            let resp = Response::new_err(r.id, ErrorCode::InvalidRequest as i32, "shutting down".into());
            return self.send(resp);
        }
        let resp = match r.method.as_str() {
            req::Shutdown::METHOD => {
                self.shutdown = true;
                Response::new_ok(r.id, ())
            }
            req::CodeActionRequest::METHOD => {
                match serde_json::from_value::<lsp_types::CodeActionParams>(r.params) {
                    Ok(p) => Response::new_ok(r.id, self.code_actions(&p)),
                    Err(e) => Response::new_err(r.id, ErrorCode::InvalidParams as i32, e.to_string()),
                }
            }
            req::HoverRequest::METHOD => match serde_json::from_value::<lsp_types::HoverParams>(r.params) {
                Ok(p) => Response::new_ok(r.id, self.hover(&p)),
                Err(e) => Response::new_err(r.id, ErrorCode::InvalidParams as i32, e.to_string()),
            },
            _ => Response::new_err(
                r.id,
                ErrorCode::MethodNotFound as i32,
                format!("unsupported request {}", r.method),
            ),
        };
        self.send(resp);
    }

    fn code_actions(&mut self, p: &lsp_types::CodeActionParams) -> Vec<lsp_types::CodeActionOrCommand> {
        let only = p.context.only.as_ref();
        if only.is_some_and(|o| {
            !o.iter().any(|k| lsp_types::CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()))
        }) {
            return Vec::new();
        }
        let uri = &p.text_document.uri;
        let Some(path) = documents::path_of(uri) else { return Vec::new() };
        self.flush(&path);
        let text = match self.docs.get(uri) {
            Some(d) => d.text.clone(),
            None => std::fs::read_to_string(&path).unwrap_or_default(),
        };
        let findings = projects::findings_for(&self.projects, &path);
        actions::code_actions(uri, &text, &findings, &p.range)
    }

    fn hover(&mut self, p: &lsp_types::HoverParams) -> Option<lsp_types::Hover> {
        let at = &p.text_document_position_params;
        let path = documents::path_of(&at.text_document.uri)?;
        self.flush(&path);
        actions::hover(&projects::findings_for(&self.projects, &path), at.position)
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            notif::Initialized::METHOD => self.register_watchers(),
            notif::DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params) else {
                    return;
                };
                let d = p.text_document;
                if let Some(path) = self.docs.open(d.uri, d.text.clone(), d.version) {
                    self.edited(&path, Some(&d.text), true);
                }
            }
            notif::DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params) else {
                    return;
                };
                // Full synchronization: the last change holds the whole text.
                let Some(text) = p.content_changes.into_iter().last().map(|c| c.text) else { return };
                if let Some(path) =
                    self.docs.change(&p.text_document.uri, text.clone(), p.text_document.version)
                {
                    self.edited(&path, Some(&text), false);
                }
            }
            notif::DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params) else {
                    return;
                };
                if let Some(path) = self.docs.close(&p.text_document.uri).and_then(|d| d.path) {
                    // The file is read from disk again: what the editor did not save is gone.
                    let disk = std::fs::read_to_string(&path).ok();
                    self.edited(&path, Some(disk.as_deref().unwrap_or("")), false);
                }
            }
            notif::DidSaveTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(n.params) else {
                    return;
                };
                let Some(path) = documents::path_of(&p.text_document.uri) else { return };
                // Without file watching, a save is when changes made outside the editor are read.
                self.disk_changed(&path, if self.watching { Disk::Saved } else { Disk::Unknown });
            }
            notif::DidChangeWatchedFiles::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(n.params) else {
                    return;
                };
                for c in p.changes {
                    let Some(path) = documents::path_of(&c.uri) else { continue };
                    if c.typ != FileChangeType::CHANGED {
                        self.disk_changed(&path, Disk::CreatedOrDeleted);
                    } else if self.docs.at(&path).is_none() {
                        // An open document's text is the editor's, not the disk's.
                        self.disk_changed(&path, Disk::Changed);
                    }
                }
            }
            notif::DidChangeWorkspaceFolders::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidChangeWorkspaceFoldersParams>(n.params)
                else {
                    return;
                };
                for f in p.event.removed.iter().filter_map(|f| f.uri.to_file_path().ok()) {
                    self.remove_folder(&f);
                }
                for f in p.event.added.iter().filter_map(|f| f.uri.to_file_path().ok()) {
                    self.add_folder(&f);
                }
            }
            _ => {}
        }
    }

    /// A document's text changed (opened, edited, closed): the projects it changes lint soon. A
    /// document opened with the text last linted gets its findings at once.
    fn edited(&mut self, path: &Path, text: Option<&str>, open: bool) {
        let affected = self.affected(path, text, open);
        if affected.is_empty() && open {
            self.publish(path);
        }
        for i in affected {
            self.touch(i);
        }
    }

    /// A file changed on disk. `pushlint.toml` (or a catalog file) is read again by every project
    /// under its folder; another file re-lints the projects that read it, or, when it was
    /// created or deleted (which changes what discovery finds), every project it lies in.
    fn disk_changed(&mut self, path: &Path, how: Disk) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let config = name == crate::config::file::FILE_NAME;
        if self.catalogs.keys().flatten().any(|d| path.starts_with(d)) {
            self.catalogs.clear();
        }
        for i in 0..self.projects.len() {
            let p = &mut self.projects[i];
            let inside = path.starts_with(&p.root) && !projects::is_output(&p.root, path);
            if how == Disk::CreatedOrDeleted && inside {
                if let Some(dirs) = &p.dirs {
                    dirs.forget(path);
                }
            }
            let hit = if config {
                path.parent().is_some_and(|d| p.root.starts_with(d))
            } else {
                p.files.contains_key(path)
                    || (inside && matches!(how, Disk::CreatedOrDeleted | Disk::Unknown))
                    || p.rules_dir().is_some_and(|d| path.starts_with(d))
            };
            // With watching, the watcher reports a saved file's change too: one lint.
            if hit && !(how == Disk::Saved && self.watching) {
                if config {
                    p.reload_config();
                }
                self.touch(i);
            }
        }
    }

    fn remove_folder(&mut self, folder: &Path) {
        let folder = documents::canonical(folder).unwrap_or(folder.to_path_buf());
        let gone: Vec<PathBuf> = self
            .projects
            .iter()
            .filter(|p| p.root.starts_with(&folder))
            .flat_map(|p| p.findings.keys().cloned())
            .collect();
        self.projects.retain(|p| !p.root.starts_with(&folder));
        for f in gone {
            self.publish(&f);
        }
    }

    /// Asks the client to report changes to input files and `pushlint.toml` on disk.
    fn register_watchers(&mut self) {
        if !self.watching {
            return;
        }
        // Changes to the files pushlint reads; every file and folder created or deleted, which
        // changes the folder listings kept between lints.
        let inputs = "**/*.{xml,gradle,kts,properties,toml,json,java,kt,aar}";
        let watcher =
            |glob: &str, kind| FileSystemWatcher { glob_pattern: GlobPattern::String(glob.into()), kind };
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![
                watcher(inputs, None),
                watcher("**/*", Some(WatchKind::Create | WatchKind::Delete)),
            ],
        };
        let registration = Registration {
            id: "pushlint-files".into(),
            method: notif::DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        };
        let params = RegistrationParams { registrations: vec![registration] };
        self.send(Request::new(
            "pushlint/watch".to_string().into(),
            req::RegisterCapability::METHOD.into(),
            params,
        ));
    }
}
