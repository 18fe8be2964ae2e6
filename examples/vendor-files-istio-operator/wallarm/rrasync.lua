-- Stand-in for the vendor's rrasync module: sends the request line and the response status to the
-- node, asynchronously.
local msgpack = require("msgpack")
local M = {}

local function send(handle, cluster, message)
  handle:httpCall(cluster, {
    [":method"] = "POST", [":path"] = "/", [":authority"] = "wallarm-node",
  }, msgpack.pack(message), { asynchronous = true, timeout_ms = 1000 })
end

function M.request(handle, cluster)
  local headers = handle:headers()
  pcall(send, handle, cluster, { kind = "request", method = headers:get(":method") or "",
    path = (headers:get(":path") or ""):sub(1, 200) })
end

function M.response(handle, cluster)
  pcall(send, handle, cluster, { kind = "response", status = tonumber(handle:headers():get(":status")) or 0 })
end

return M
