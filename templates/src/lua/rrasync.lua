-- meshmirror: the asynchronous sender of the bundled connector.
--
-- It copies each sampled request and its response, as two MessagePack messages correlated by a
-- stream id, to the analysis node with httpCall(..., {asynchronous = true}). It never delays,
-- blocks, fails or changes client traffic: no synchronous call, no respond(), no header or body
-- change, no body() (which buffers whole bodies and turns large ones into 413/500); bodies are
-- read with bodyChunks() and at most max_body_bytes of each is copied. Every step runs under
-- pcall, so a failure costs only that copy, and is logged at most once a second per worker.
-- The only state kept per worker is a few numbers: nothing can grow with traffic.
-- The wire format is documented in docs/protocol.md.
local msgpack = require("msgpack")

local M = {}

local NAMESPACE = "meshmirror"
local PROTOCOL_VERSION = 1
local REDACTED = "[redacted]"

local floor, random, time, format = math.floor, math.random, os.time, string.format
local concat, pcall, tostring, tonumber, pairs = table.concat, pcall, tostring, tonumber, pairs

-- A per-worker seed: two workers started in the same second still get different ids.
math.randomseed(time() + (tonumber(tostring({}):match("0x(%x+)") or "0", 16) or 0) % 1000003)
local worker = format("%06x", random(0, 16777215))
local sequence = 0

local log_second, logged_this_second, suppressed = 0, 0, 0

local function log_failure(handle, what, err)
  local now = time()
  if now ~= log_second then
    log_second, logged_this_second = now, 0
  end
  if logged_this_second > 0 then
    suppressed = suppressed + 1
    return
  end
  logged_this_second = 1
  local note = suppressed > 0 and format(" (%d more failures not logged)", suppressed) or ""
  suppressed = 0
  pcall(handle.logWarn, handle, "meshmirror: " .. what .. " not mirrored: " .. tostring(err) .. note)
end

local function new_stream_id()
  sequence = sequence + 1
  return format("mm-%s-%x-%x", worker, time(), sequence)
end

local function now_ms(handle)
  local ok, ms = pcall(handle.timestamp, handle)
  if ok and type(ms) == "number" then return ms end
  return time() * 1000
end

local function excluded(path, prefixes)
  for i = 1, #prefixes do
    local prefix = prefixes[i]
    if path:sub(1, #prefix) == prefix then return true end
  end
  return false
end

-- Every header as a [name, value] pair, in order, duplicates kept, redacted values replaced.
local function copy_headers(headers, redact)
  local copy = msgpack.array({})
  for name, value in pairs(headers) do
    copy[#copy + 1] = msgpack.array({ name, redact[name] and REDACTED or value })
  end
  return copy
end

-- The first max bytes of the body, and the body's real length, read chunk by chunk.
local function copy_body(handle, max)
  local parts, kept, total = {}, 0, 0
  for chunk in handle:bodyChunks() do
    local length = chunk:length()
    total = total + length
    if kept < max and length > 0 then
      local take = length < max - kept and length or max - kept
      parts[#parts + 1] = chunk:getBytes(0, take)
      kept = kept + take
    end
  end
  return concat(parts), total
end

local function add_body(message, handle, config)
  local body, length = copy_body(handle, config.max_body_bytes)
  message.body = msgpack.bin(body)
  message.body_length = length
  message.body_truncated = length > #body
end

local function send(handle, config, message)
  handle:httpCall(config.cluster, {
    [":method"] = "POST",
    [":path"] = "/meshmirror/v1/" .. message.type,
    [":authority"] = config.authority,
    ["content-type"] = "application/msgpack",
  }, msgpack.encode(message), { asynchronous = true, timeout_ms = config.timeout_ms })
end

local function base_message(kind, handle, config, stream_id)
  return {
    type = kind,
    protocol_version = PROTOCOL_VERSION,
    connector = config.connector,
    connector_version = config.version,
    stream_id = stream_id,
    timestamp_ms = now_ms(handle),
  }
end

local function mirror_request(handle, config)
  local headers = handle:headers()
  local path = headers:get(":path") or ""
  if excluded(path, config.exclude_paths) then return end
  if config.percent < 100 and random() * 100 >= config.percent then return end
  local stream_id = headers:get("x-request-id") or new_stream_id()
  local info = handle:streamInfo()
  -- The decision and the id travel to the response phase with the stream, not in a worker table.
  info:dynamicMetadata():set(NAMESPACE, "stream_id", stream_id)
  local message = base_message("request", handle, config, stream_id)
  message.method = headers:get(":method")
  message.scheme = headers:get(":scheme")
  message.authority = headers:get(":authority")
  message.path = path
  message.protocol = info:protocol()
  message.client_address = info:downstreamRemoteAddress()
  message.headers = copy_headers(headers, config.redact_headers)
  if config.request_body and config.max_body_bytes > 0 then
    add_body(message, handle, config)
  end
  send(handle, config, message)
end

local function mirror_response(handle, config)
  local state = handle:streamInfo():dynamicMetadata():get(NAMESPACE)
  local stream_id = state and state.stream_id
  if not stream_id then return end -- not sampled, excluded, or no request state
  local headers = handle:headers()
  local message = base_message("response", handle, config, stream_id)
  message.status = tonumber(headers:get(":status"))
  message.headers = copy_headers(headers, config.redact_headers)
  if config.response_body and config.max_body_bytes > 0 then
    add_body(message, handle, config)
  end
  send(handle, config, message)
end

function M.on_request(handle, config)
  local ok, err = pcall(mirror_request, handle, config)
  if not ok then log_failure(handle, "request", err) end
end

function M.on_response(handle, config)
  local ok, err = pcall(mirror_response, handle, config)
  if not ok then log_failure(handle, "response", err) end
end

return M
