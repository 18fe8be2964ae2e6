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

local random, time, format = math.random, os.time, string.format
local concat, pcall, tostring, tonumber, pairs, ipairs = table.concat, pcall, tostring, tonumber, pairs, ipairs

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

-- Milliseconds since the epoch: Envoy's stream timestamp where the handle has one, else the clock.
local function now_ms(handle)
  local timestamp = handle.timestamp
  if timestamp then
    local ok, ms = pcall(timestamp, handle)
    if ok and type(ms) == "number" then return ms end
  end
  return time() * 1000
end

local function excluded(path, prefixes)
  for i = 1, #prefixes do
    local prefix = prefixes[i]
    if path:sub(1, #prefix) == prefix then return true end
  end
  return false
end

-- Messages are written straight as MessagePack into one list of pieces, fields in sorted order,
-- and joined once: no intermediate tables or strings per field.
local mp_string, mp_number, is_utf8 = msgpack.string, msgpack.number, msgpack.is_utf8
local str_header, bin_header = msgpack.str_header, msgpack.bin_header
local mp_map, mp_array = msgpack.map_header, msgpack.array_header
local NIL, TRUE, FALSE, PAIR = "\192", "\195", "\194", "\146"
local KEY = {}
for _, key in ipairs({ "authority", "body", "body_length", "body_truncated", "client_address", "connector",
  "connector_version", "headers", "method", "path", "protocol", "protocol_version", "scheme", "status",
  "stream_id", "timestamp_ms", "type" }) do
  KEY[key] = mp_string(key)
end
local REQUEST, RESPONSE, VERSION = mp_string("request"), mp_string("response"), mp_number(PROTOCOL_VERSION)

-- Each put_* appends a field after out[n] and returns the new last index (counting by hand is
-- cheaper than #out on a growing list).

-- key, then a string value: str when it is UTF-8, else bin; nil when absent.
local function put_string(out, n, key, s)
  out[n + 1] = key
  if s == nil then
    out[n + 2] = NIL
    return n + 2
  end
  out[n + 2] = is_utf8(s) and str_header(#s) or bin_header(#s)
  out[n + 3] = s
  return n + 3
end

-- key, then a value already encoded.
local function put(out, n, key, encoded)
  out[n + 1] = key
  out[n + 2] = encoded
  return n + 2
end

-- Every header as a [name, value] pair, in order, duplicates kept, redacted values replaced, as one
-- encoded array. Names are str (Envoy's codecs admit only token characters in names); values are
-- bin, since HTTP field values are octets. Read before the body: once the script waits for body
-- chunks, the headers go on down the chain and later filters may add to them.
local function encode_headers(headers, redact)
  local parts, n, count = { "" }, 1, 0
  for name, value in pairs(headers) do
    count = count + 1
    if redact[name] then value = REDACTED end
    parts[n + 1] = PAIR
    parts[n + 2] = str_header(#name)
    parts[n + 3] = name
    parts[n + 4] = bin_header(#value)
    parts[n + 5] = value
    n = n + 5
  end
  parts[1] = mp_array(count)
  return concat(parts)
end

-- The body fields (body, body_length, body_truncated): the first max bytes, read chunk by chunk,
-- and the body's real length. Returns the new last index and how many fields were written.
local function put_body(out, n, handle, capture, max)
  if not capture or max <= 0 then return n, 0 end
  out[n + 1] = KEY.body
  local at = n + 2
  n = at
  local kept, total = 0, 0
  for chunk in handle:bodyChunks() do
    local length = chunk:length()
    total = total + length
    if kept < max and length > 0 then
      local take = length < max - kept and length or max - kept
      n = n + 1
      out[n] = chunk:getBytes(0, take)
      kept = kept + take
    end
  end
  out[at] = bin_header(kept)
  n = put(out, n, KEY.body_length, mp_number(total))
  n = put(out, n, KEY.body_truncated, total > kept and TRUE or FALSE)
  return n, 3
end

-- The fields every message starts with (after its body): who sends it, and the headers.
local function put_sender_and_headers(out, n, config, encoded_headers)
  n = put_string(out, n, KEY.connector, config.connector)
  n = put_string(out, n, KEY.connector_version, config.version)
  return put(out, n, KEY.headers, encoded_headers)
end

-- The fields every message ends with: which stream, when, and what it is.
local function put_stream(out, n, stream_id, timestamp, kind)
  n = put_string(out, n, KEY.stream_id, stream_id)
  n = put(out, n, KEY.timestamp_ms, mp_number(timestamp))
  return put(out, n, KEY.type, kind)
end

local function send(handle, config, kind, out)
  handle:httpCall(config.cluster, {
    [":method"] = "POST",
    [":path"] = "/meshmirror/v1/" .. kind,
    [":authority"] = config.authority,
    ["content-type"] = "application/msgpack",
  }, concat(out), { asynchronous = true, timeout_ms = config.timeout_ms })
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
  local timestamp = now_ms(handle)
  -- Everything the headers say is taken now, before the body is read (see encode_headers).
  local authority, method, scheme = headers:get(":authority"), headers:get(":method"), headers:get(":scheme")
  local encoded_headers = encode_headers(headers, config.redact_headers)
  local out = { "" } -- out[1]: the map header, once the number of fields is known
  local n = put_string(out, 1, KEY.authority, authority)
  local body_fields
  n, body_fields = put_body(out, n, handle, config.request_body, config.max_body_bytes)
  n = put_string(out, n, KEY.client_address, info:downstreamRemoteAddress())
  n = put_sender_and_headers(out, n, config, encoded_headers)
  n = put_string(out, n, KEY.method, method)
  n = put_string(out, n, KEY.path, path)
  n = put_string(out, n, KEY.protocol, info:protocol())
  n = put(out, n, KEY.protocol_version, VERSION)
  n = put_string(out, n, KEY.scheme, scheme)
  put_stream(out, n, stream_id, timestamp, REQUEST)
  out[1] = mp_map(13 + body_fields)
  send(handle, config, "request", out)
end

local function mirror_response(handle, config)
  local state = handle:streamInfo():dynamicMetadata():get(NAMESPACE)
  local stream_id = state and state.stream_id
  if not stream_id then return end -- not sampled, excluded, or no request state
  local headers = handle:headers()
  local timestamp = now_ms(handle)
  local status = tonumber(headers:get(":status"))
  local encoded_headers = encode_headers(headers, config.redact_headers)
  local out = { "" }
  local n, body_fields = put_body(out, 1, handle, config.response_body, config.max_body_bytes)
  n = put_sender_and_headers(out, n, config, encoded_headers)
  n = put(out, n, KEY.protocol_version, VERSION)
  n = put(out, n, KEY.status, status and mp_number(status) or NIL)
  put_stream(out, n, stream_id, timestamp, RESPONSE)
  out[1] = mp_map(8 + body_fields)
  send(handle, config, "response", out)
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
