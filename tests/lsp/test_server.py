"""`pushlint server` driven over stdio by a real LSP client (pytest-lsp, lsprotocol), with the
capabilities real editors announce. Every test lints a copy of a fixture in a temporary folder.

Run from the repository root: `python3 -m pytest tests/lsp` (PUSHLINT_BIN names the binary,
default target/debug/pushlint).
"""

import asyncio
import os
import shutil
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("PUSHLINT_BIN") or str(ROOT / "target" / "debug" / "pushlint")
MANIFEST = "app/src/main/AndroidManifest.xml"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "server"]))
async def client(lsp_client: LanguageClient):
    yield
    if not getattr(lsp_client, "shut_down", False):
        await lsp_client.shutdown_session()


def copy(tmp_path, fixture, name=None):
    dest = tmp_path / (name or Path(fixture).name)
    shutil.copytree(ROOT / "fixtures" / fixture, dest)
    return dest.resolve()


def uri(path):
    return Path(path).as_uri()


async def start(client, *folders, editor="visual-studio-code"):
    params = types.InitializeParams(
        capabilities=client_capabilities(editor),
        workspace_folders=[types.WorkspaceFolder(uri=uri(f), name=Path(f).name) for f in folders],
    )
    result = await client.initialize_session(params)
    assert result.server_info.name == "pushlint"
    return result


def codes(client, path):
    return sorted(d.code for d in client.diagnostics.get(uri(path), []))


async def until(client, check, timeout=20):
    """Waits for published diagnostics until `check()` holds."""

    async def wait():
        while not check():
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    await asyncio.wait_for(wait(), timeout)


class Buffer:
    """An open document whose text the test edits as a user would, unsaved."""

    def __init__(self, client, path):
        self.client, self.path, self.version = client, Path(path), 1
        self.text = self.path.read_text(encoding="utf-8")
        lang = {"xml": "xml", "json": "json", "gradle": "groovy"}.get(self.path.suffix[1:], "plaintext")
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri(path), language_id=lang, version=1, text=self.text)
            )
        )

    def set(self, text):
        self.text, self.version = text, self.version + 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri(self.path), version=self.version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    def replace(self, old, new):
        assert old in self.text, old
        self.set(self.text.replace(old, new, 1))

    def apply(self, edits):
        """Applies LSP text edits (UTF-16 positions) the way an editor does."""
        lines = self.text.splitlines(keepends=True) + [""]

        def offset(pos):
            before = "".join(lines[: pos.line])
            line = lines[pos.line]
            units, i = 0, 0
            while i < len(line) and units < pos.character:
                units += len(line[i].encode("utf-16-le")) // 2
                i += 1
            return len(before) + i

        text = self.text
        for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
            text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end) :]
        self.set(text)


async def test_diagnostics_in_every_file_with_code_docs_and_related_files(client, tmp_path):
    app = copy(tmp_path, "sample-chat")
    await start(client, app)
    console, manifest, build = app / "push-console.json", app / MANIFEST, app / "app/build.gradle"
    await until(client, lambda: codes(client, console) and codes(client, manifest) and codes(client, build))
    assert codes(client, console) == ["PL102", "PL103", "PL104", "PL105"]
    assert codes(client, manifest) == ["PL101"]
    assert codes(client, build) == ["PL401", "PL404"]
    d = client.diagnostics[uri(manifest)][0]
    assert d.source == "pushlint"
    assert d.severity == types.DiagnosticSeverity.Error
    assert d.code_description.href.endswith("PL101-click-action-no-matching-filter.md")
    assert d.range.start == types.Position(line=23, character=12)
    assert any(r.location.uri == uri(console) for r in d.related_information)
    warning = next(d for d in client.diagnostics[uri(console)] if d.code == "PL103")
    assert warning.severity == types.DiagnosticSeverity.Warning


async def test_editing_the_manifest_updates_the_console_file(client, tmp_path):
    app = copy(tmp_path, "sample-chat")
    await start(client, app)
    console = app / "push-console.json"
    await until(client, lambda: "PL104" in codes(client, console))
    manifest = Buffer(client, app / MANIFEST)
    # Declaring the activity the OPPO click action names (with its typo) answers PL104.
    manifest.replace(
        "        <activity\n            android:name=\".ui.SettingsActivity\"",
        "        <activity android:name=\".ui.ChatActivty\" android:exported=\"true\" />\n"
        "        <activity\n            android:name=\".ui.SettingsActivity\"",
    )
    await until(client, lambda: "PL104" not in codes(client, console))
    assert codes(client, console) == ["PL102", "PL103", "PL105"]
    # The disk is untouched: only the buffer changed. Undo brings the finding back.
    assert ".ui.ChatActivty" not in (app / MANIFEST).read_text()
    manifest.set((app / MANIFEST).read_text())
    await until(client, lambda: "PL104" in codes(client, console))


async def test_fixing_the_console_clears_the_manifest(client, tmp_path):
    app = copy(tmp_path, "sample-chat")
    await start(client, app)
    manifest = app / MANIFEST
    await until(client, lambda: codes(client, manifest) == ["PL101"])
    console = Buffer(client, app / "push-console.json")
    console.replace("scheme=acmePush;", "scheme=acmepush;")
    # An empty publish: the manifest has nothing left.
    await until(client, lambda: uri(manifest) in client.diagnostics and codes(client, manifest) == [])
    assert "PL105" in codes(client, app / "push-console.json")


async def test_positions_are_utf16_code_units(client, tmp_path):
    app = copy(tmp_path, "sample-chat")
    await start(client, app)
    manifest = Buffer(client, app / MANIFEST)
    await until(client, lambda: codes(client, manifest.path) == ["PL101"])
    comment = "<!-- 通知 😀 -->"
    lines = manifest.text.splitlines(keepends=True)
    lines[23] = lines[23].replace("<intent-filter>", comment + "<intent-filter>")
    manifest.set("".join(lines))
    want = 12 + len(comment.encode("utf-16-le")) // 2
    await until(
        client,
        lambda: [d.range.start.character for d in client.diagnostics.get(uri(manifest.path), [])] == [want],
    )
    assert want == 12 + 14  # 13 characters, the emoji two code units


async def test_quick_fix_applied_in_the_buffer_clears_the_finding(client, tmp_path):
    app = copy(tmp_path, "PL209-permission-name-misspelled/fail", "pl209")
    await start(client, app)
    manifest = Buffer(client, app / MANIFEST)
    await until(client, lambda: "PL209" in codes(client, manifest.path))
    d = next(d for d in client.diagnostics[uri(manifest.path)] if d.code == "PL209")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(manifest.path)),
            range=d.range,
            context=types.CodeActionContext(diagnostics=[d]),
        )
    )
    fix = next(a for a in actions if a.is_preferred)
    assert fix.kind == types.CodeActionKind.QuickFix
    assert fix.diagnostics[0].code == "PL209"
    manifest.apply(fix.edit.changes[uri(manifest.path)])
    await until(client, lambda: "PL209" not in codes(client, manifest.path))
    assert "RECIEVE_MCS_MESSAGE" in manifest.text
    assert (app / MANIFEST).read_text() != manifest.text  # applied by the client, never written


async def suppress(client, buffer, code):
    d = next(d for d in client.diagnostics[uri(buffer.path)] if d.code == code)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(buffer.path)),
            range=d.range,
            context=types.CodeActionContext(diagnostics=[d], only=[types.CodeActionKind.QuickFix]),
        )
    )
    action = next(a for a in actions if a.title.startswith(f"Suppress {code}"))
    assert not action.is_preferred
    buffer.apply(action.edit.changes[uri(buffer.path)])


async def test_suppressions_in_gradle_and_manifest(client, tmp_path):
    app = copy(tmp_path, "sample-chat")
    await start(client, app)
    build = Buffer(client, app / "app/build.gradle")
    manifest = Buffer(client, app / MANIFEST)
    await until(client, lambda: codes(client, build.path) == ["PL401", "PL404"] and codes(client, manifest.path))
    await suppress(client, build, "PL404")
    await until(client, lambda: codes(client, build.path) == ["PL401"])
    assert "// pushlint-disable-next-line PL404\n" in build.text
    await suppress(client, manifest, "PL101")
    await until(client, lambda: codes(client, manifest.path) == [])
    assert 'xmlns:tools="http://schemas.android.com/tools"' in manifest.text
    assert 'tools:ignore="PL101"' in manifest.text


async def test_hover_explains_the_rule(client, tmp_path):
    app = copy(tmp_path, "sample-chat")
    await start(client, app)
    manifest = app / MANIFEST
    await until(client, lambda: codes(client, manifest) == ["PL101"])
    d = client.diagnostics[uri(manifest)][0]
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri(manifest)), position=d.range.start)
    )
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.contents.value.startswith("**PL101** `click-action-no-matching-filter`")
    assert "## What it checks" in hover.contents.value
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri(manifest)), position=types.Position(line=0, character=0)
        )
    )
    assert nothing is None


async def test_configuration_reloaded_and_bad_configuration_keeps_findings(client, tmp_path):
    app = copy(tmp_path, "sample-chat")
    await start(client, app)
    console = app / "push-console.json"
    await until(client, lambda: "PL104" in codes(client, console))
    config = app / "pushlint.toml"
    config.write_text('ignore = ["PL104"]\n')

    def changed(typ):
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=uri(config), type=typ)])
        )

    changed(types.FileChangeType.Created)
    await until(client, lambda: codes(client, console) == ["PL102", "PL103", "PL105"])
    # An invalid file is logged; the last good findings stay.
    config.write_text("select = 3\n")
    changed(types.FileChangeType.Changed)

    async def logged():
        while not any("invalid configuration" in m.message for m in client.log_messages):
            await client.wait_for_notification(types.WINDOW_LOG_MESSAGE)

    await asyncio.wait_for(logged(), 20)
    assert next(m for m in client.log_messages if "invalid configuration" in m.message).type == types.MessageType.Error
    assert codes(client, console) == ["PL102", "PL103", "PL105"]


async def test_workspace_folders_with_several_projects(client, tmp_path):
    app = copy(tmp_path, "sample-chat")
    several = tmp_path / "several"
    several.mkdir()
    one = copy(several, "PL209-permission-name-misspelled/fail", "one")
    two = copy(several, "PL404-config-file-missing/fail", "two")
    # Neovim's capabilities: no file watching.
    await start(client, app, several, editor="neovim")
    await until(
        client,
        lambda: codes(client, app / MANIFEST) and "PL209" in codes(client, one / MANIFEST) and "PL404" in codes(client, two / "app/build.gradle"),
    )
    client.workspace_did_change_workspace_folders(
        types.DidChangeWorkspaceFoldersParams(
            event=types.WorkspaceFoldersChangeEvent(
                added=[], removed=[types.WorkspaceFolder(uri=uri(several), name="several")]
            )
        )
    )
    await until(client, lambda: codes(client, one / MANIFEST) == [] and codes(client, two / "app/build.gradle") == [])
    assert codes(client, app / MANIFEST) == ["PL101"]


async def test_a_file_opened_outside_the_workspace_is_linted_with_its_project(client, tmp_path):
    app = copy(tmp_path, "sample-chat")
    await start(client)
    manifest = Buffer(client, app / MANIFEST)
    await until(client, lambda: codes(client, manifest.path) == ["PL101"] and "PL104" in codes(client, app / "push-console.json"))


async def test_shutdown_then_exit(client, tmp_path):
    app = copy(tmp_path, "sample-chat")
    await start(client, app)
    await until(client, lambda: codes(client, app / MANIFEST))
    await client.shutdown_session()
    client.shut_down = True
    assert client._server.returncode == 0


async def test_a_file_created_on_disk_is_found(client, tmp_path):
    # VS Code's capabilities: the client reports files created and deleted, so the server keeps
    # folder listings between lints and must forget them on these reports.
    app = copy(tmp_path, "sample-chat")
    await start(client, app)
    build = app / "app/build.gradle"
    await until(client, lambda: "PL404" in codes(client, build))
    services = app / "app/google-services.json"
    services.write_text((ROOT / "fixtures/PL404-config-file-missing/pass/app/google-services.json").read_text())

    def report(typ):
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=uri(services), type=typ)])
        )

    report(types.FileChangeType.Created)
    await until(client, lambda: "PL404" not in codes(client, build))
    services.unlink()
    report(types.FileChangeType.Deleted)
    await until(client, lambda: "PL404" in codes(client, build))


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[BIN, "server"], server_env={**os.environ, "PUSHLINT_TEST_LINT_PANIC": "panic-here"}
    )
)
async def panicky(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def test_a_panicking_lint_is_logged_and_the_session_goes_on(panicky, tmp_path):
    client = panicky
    app = copy(tmp_path, "sample-chat")
    await start(client, app)
    manifest = Buffer(client, app / MANIFEST)
    await until(client, lambda: codes(client, manifest.path) == ["PL101"])
    before = client.diagnostics[uri(manifest.path)]
    manifest.replace("<!-- Opened when", "<!-- panic-here Opened when")

    async def logged():
        while not any("pushlint crashed" in m.message for m in client.log_messages):
            await client.wait_for_notification(types.WINDOW_LOG_MESSAGE)

    await asyncio.wait_for(logged(), 20)
    assert client.diagnostics[uri(manifest.path)] == before
    # The next edit lints again.
    manifest.replace("<!-- panic-here Opened when", "<!-- Opened when")
    manifest.replace("scheme=\"acmepush\"", "scheme=\"acmePush\"")
    await until(client, lambda: "PL101" in codes(client, manifest.path) and client.diagnostics[uri(manifest.path)] != before)


async def test_paths_with_spaces_and_non_ascii_names(client, tmp_path):
    app = copy(tmp_path, "sample-chat", "聊天 app")
    await start(client, app)
    manifest = Buffer(client, app / MANIFEST)
    await until(client, lambda: codes(client, manifest.path) == ["PL101"] and "PL104" in codes(client, app / "push-console.json"))
    manifest.replace('android:scheme="acmepush"', 'android:scheme="acmePush"')
    await until(client, lambda: any("acmepush" in d.message for d in client.diagnostics[uri(manifest.path)]))
