-- `pushlint server` in Neovim's own LSP client, headless (Neovim 0.7 or later; not run by CI):
--   cp -r fixtures/sample-chat /tmp/sample && PUSHLINT_PROJECT=/tmp/sample \
--   PUSHLINT_BIN=target/debug/pushlint nvim --headless -u NONE -c "luafile tests/lsp/neovim.lua"
-- Opens the sample's manifest, waits for its finding, adds the scheme the console asks for in
-- the buffer, waits for the finding to go, and exits 0 when all of that happened.
local root = os.getenv("PUSHLINT_PROJECT")
local bin = os.getenv("PUSHLINT_BIN") or "pushlint"
local function say(s) io.stdout:write(s .. "\n") end
local function finish(ok, why)
  say((ok and "ok: " or "FAIL: ") .. why)
  vim.cmd(ok and "qa!" or "cq!")
end

vim.cmd("edit " .. root .. "/app/src/main/AndroidManifest.xml")
local id = vim.lsp.start_client({ name = "pushlint", cmd = { bin, "server" }, root_dir = root })
vim.lsp.buf_attach_client(0, id)
if not vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end) then
  return finish(false, "no diagnostics after opening the manifest")
end
for _, d in ipairs(vim.diagnostic.get(0)) do
  say(string.format("%s %d:%d %s", d.code, d.lnum + 1, d.col + 1, (d.message:gsub("\n.*", ""))))
end
for i, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
  if line:find("<data") then
    vim.api.nvim_buf_set_lines(0, i - 1, i - 1, false, { '                <data android:scheme="acmePush" />' })
    break
  end
end
if not vim.wait(20000, function() return #vim.diagnostic.get(0) == 0 end) then
  return finish(false, "the finding stayed after the edit")
end
local client = vim.lsp.get_client_by_id(id)
client.stop()
vim.wait(5000, function() return client.is_stopped() end)
finish(client.is_stopped(), "finding shown on open, gone after the edit, server stopped")
