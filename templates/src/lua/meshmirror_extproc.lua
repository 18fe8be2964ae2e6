-- meshmirror: the bundled connector. For each sampled transaction it sends the analysis node one
-- gRPC call of Envoy's ext_proc protocol (envoy.service.ext_proc.v3.ExternalProcessor/Process) in
-- observability mode: the messages Envoy's own ext_proc filter would send (request headers, request
-- body chunks, response headers, response body chunks; observability_mode set; the attributes
-- request.id, request.time and source.address), so any ext_proc server receives it unchanged.
--
-- It never delays, blocks, fails or changes client traffic: asynchronous httpCall only, with a
-- timeout; no respond(), no header or body change, no body() (bodyChunks() only, at most
-- max_body_bytes copied); every step under pcall, failures logged at most once a second per worker.
-- Whichever of request and response ends first waits for the other in per-worker tables bounded by
-- entries, bytes and age; an evicted or never-answered request is sent alone. Only an ASCII id
-- travels in dynamic metadata.
-- The wire format is described in docs/protocol.md.
local M = {}

local NAMESPACE = "meshmirror"
local PATH = "/envoy.service.ext_proc.v3.ExternalProcessor/Process"
local FILTER_ATTRIBUTES = "envoy.filters.http.ext_proc"
local MAX_BODY_PER_MESSAGE = 1048000 -- each message stays under 1 MiB (gRPC servers take 4 MiB)

local char, byte, find, floor, format = string.char, string.byte, string.find, math.floor, string.format
local random, time, date = math.random, os.time, os.date
local pcall, tostring, tonumber, pairs, type = pcall, tostring, tonumber, pairs, type

-- Writers: LuaJIT's string.buffer where the runtime has it (every Envoy LuaJIT from 1.28 on), else a
-- table of pieces joined once. Both offer put(...), tostring(), reset() (keeps the space) and free().
local has_buffer, buffer = pcall(require, "string.buffer")
local Pieces = {}
Pieces.__index = Pieces
function Pieces:put(...)
  local n = self.n
  for i = 1, select("#", ...) do
    n = n + 1
    self[n] = select(i, ...)
  end
  self.n = n
  return self
end
function Pieces:tostring()
  return table.concat(self, "", 1, self.n)
end
function Pieces:reset()
  self.n = 0
  return self
end
function Pieces:free()
  for i = 1, #self do self[i] = nil end
  self.n = 0
  return self
end
local function new_writer()
  if has_buffer then return buffer.new() end
  return setmetatable({ n = 0 }, Pieces)
end
M.uses_string_buffer = has_buffer

-- Protobuf pieces -----------------------------------------------------------------------------------
local VARINT = {}
for i = 0, 127 do VARINT[i] = char(i) end
local function varint(n)
  if n < 128 then return VARINT[n] end
  if n < 16384 then return char(n % 128 + 128, floor(n / 128)) end
  local out = ""
  while n >= 128 do
    out = out .. char(n % 128 + 128)
    n = floor(n / 128)
  end
  return out .. char(n)
end
local function varint_size(n)
  if n < 128 then return 1 end
  if n < 16384 then return 2 end
  local size = 3
  n = floor(n / 2097152)
  while n > 0 do
    size = size + 1
    n = floor(n / 128)
  end
  return size
end
-- The size of a length-delimited field (one-byte tag) holding n bytes.
local function field_size(n) return 1 + varint_size(n) + n end

local TRUE_OBSERVABILITY = "\80\1"   -- ProcessingRequest.observability_mode (10) = true
local EMPTY_METADATA = "\66\0"       -- ProcessingRequest.metadata_context (8) = {}, as Envoy sends it

-- A string is valid UTF-8 (proto3 string fields must be): a byte loop, which LuaJIT compiles.
local function is_utf8(s)
  local i, n = 1, #s
  while i <= n do
    local c = byte(s, i)
    if c < 0x80 then
      i = i + 1
    else
      local extra, min
      if c >= 0xC2 and c <= 0xDF then extra, min = 1, 0x80
      elseif c >= 0xE0 and c <= 0xEF then extra, min = 2, 0x800
      elseif c >= 0xF0 and c <= 0xF4 then extra, min = 3, 0x10000
      else return false end
      if i + extra > n then return false end
      local code = c % (2 ^ (6 - extra))
      for k = 1, extra do
        local b = byte(s, i + k)
        if b < 0x80 or b > 0xBF then return false end
        code = code * 64 + (b - 0x80)
      end
      if code < min or code > 0x10FFFF or (code >= 0xD800 and code <= 0xDFFF) then return false end
      i = i + extra + 1
    end
  end
  return true
end
M.is_utf8 = is_utf8

-- The writers every encoding goes through, reused: nothing yields between a reset and the
-- tostring that ends it, so the request and response coroutines never share one mid-message.
local frames, scratch = new_writer(), new_writer()

-- A writer's content, as a string; the writer gives its space back after a large message, so that one
-- big body does not stay allocated in the worker for good.
local KEPT_SPACE = 262144
local function take_string(w)
  local s = w:tostring()
  if #s > KEPT_SPACE then w:free() end
  return s
end

-- One Struct field (Struct.fields = 1, a map entry): its key (the name, then the tag of the value,
-- made once by field_key), then a google.protobuf.Value holding a string (string_value = 3, which
-- must be UTF-8) or a boolean (bool_value = 4).
local function field_key(name) return "\10" .. varint(#name) .. name .. "\18" end
local function put_struct_field(w, key, v)
  if type(v) == "boolean" then
    w:put("\10", varint(#key + 3), key, "\2", v and "\32\1" or "\32\0")
  else
    local length = #v
    local vsize = 1 + varint_size(length) + length
    w:put("\10", varint(#key + varint_size(vsize) + vsize), key, varint(vsize), "\26", varint(length), v)
  end
end
local REQUEST_ID, REQUEST_TIME, SOURCE_ADDRESS =
  field_key("request.id"), field_key("request.time"), field_key("source.address")
local BODY_BYTES, BODY_TRUNCATED, CONNECTOR, VERSION =
  field_key("body_bytes"), field_key("body_truncated"), field_key("connector"), field_key("version")

-- One attributes map entry (ProcessingRequest.attributes = 9): the key, then its Struct, encoded.
local function attributes_entry(key, struct)
  return "\74" .. varint(field_size(#key) + field_size(#struct)) .. "\10" .. varint(#key) .. key .. "\18"
    .. varint(#struct) .. struct
end

-- The start of a HeaderValue: its key (1), then the tag of raw_value (3). Header names repeat from
-- request to request, so each start is made once (at most 1,024 kept, then made afresh).
local key_starts, key_count = {}, 0
local function key_start(name)
  local start = key_starts[name]
  if not start then
    if key_count >= 1024 then key_starts, key_count = {}, 0 end
    start = "\10" .. varint(#name) .. name .. "\26"
    key_starts[name], key_count = start, key_count + 1
  end
  return start
end

-- A HeaderMap's entries: every header (pseudo-headers included) as a HeaderValue of key and
-- raw_value (bytes), as Envoy sends them, in order, duplicates kept, redacted ones left out (as
-- ext_proc's forward_rules do). Read before the body: once the script waits for body chunks, the
-- headers go on down the chain and later filters may add to them.
local function encode_header_map(headers, redact)
  scratch:reset()
  for name, value in pairs(headers) do
    if not redact[name] then
      local start, length = key_start(name), #value
      scratch:put("\10", varint(#start + varint_size(length) + length), start, varint(length), value)
    end
  end
  return scratch:tostring()
end

-- The 5-byte gRPC prefix of a message of size bytes: not compressed, then the size, big-endian.
local function put_prefix(w, size)
  w:put("\0", char(floor(size / 16777216) % 256, floor(size / 65536) % 256, floor(size / 256) % 256, size % 256))
end

-- One gRPC frame: ProcessingRequest{ <field> HttpHeaders{headers, end_of_stream}, metadata_context,
-- attributes (encoded entries), observability_mode }.
local function put_headers_message(w, field, map, end_of_stream, attributes)
  local http_headers = field_size(#map) + (end_of_stream and 2 or 0)
  put_prefix(w, field_size(http_headers) + #EMPTY_METADATA + #attributes + #TRUE_OBSERVABILITY)
  w:put(field, varint(http_headers), "\10", varint(#map), map)
  if end_of_stream then w:put("\24\1") end
  w:put(EMPTY_METADATA, attributes, TRUE_OBSERVABILITY)
end

-- One gRPC frame: ProcessingRequest{ <field> HttpBody{body, end_of_stream}, metadata_context,
-- observability_mode }.
local function put_body_message(w, field, data, end_of_stream)
  local http_body = (#data > 0 and field_size(#data) or 0) + (end_of_stream and 2 or 0)
  put_prefix(w, field_size(http_body) + #EMPTY_METADATA + #TRUE_OBSERVABILITY)
  w:put(field, varint(http_body))
  if #data > 0 then w:put("\10", varint(#data), data) end
  if end_of_stream then w:put("\16\1") end
  w:put(EMPTY_METADATA, TRUE_OBSERVABILITY)
end

local REQUEST_HEADERS, RESPONSE_HEADERS, REQUEST_BODY, RESPONSE_BODY = "\18", "\26", "\34", "\42"

-- The body messages: the kept chunks, split under the message limit, end_of_stream on the last.
local function put_body_messages(w, field, chunks, count)
  for i = 1, count do
    local data = chunks[i]
    local last = i == count
    if #data <= MAX_BODY_PER_MESSAGE then
      put_body_message(w, field, data, last)
    else
      for at = 1, #data, MAX_BODY_PER_MESSAGE do
        local piece = data:sub(at, at + MAX_BODY_PER_MESSAGE - 1)
        put_body_message(w, field, piece, last and at + MAX_BODY_PER_MESSAGE > #data)
      end
    end
  end
end

-- Reading ---------------------------------------------------------------------------------------------

-- The body, read chunk by chunk even when none of it is kept (max 0), so that the headers' end_of_stream
-- and the real length are known as Envoy's codec knows them: at most max bytes kept, as the chunks
-- they came in; how many chunks; the bytes kept; the real length.
local function read_body(handle, max)
  local chunks, count, kept, total = {}, 0, 0, 0
  for chunk in handle:bodyChunks() do
    local length = chunk:length()
    total = total + length
    if kept < max and length > 0 then
      local take = length < max - kept and length or max - kept
      count = count + 1
      chunks[count] = chunk:getBytes(0, take)
      kept = kept + take
    end
  end
  return chunks, count, kept, total
end

-- Time and ids ----------------------------------------------------------------------------------------
local function now_ms(handle)
  if handle.timestamp then
    local ms = handle:timestamp()
    if type(ms) == "number" then return ms end
  end
  return time() * 1000
end

-- request.time as Envoy prints a timestamp attribute (RFC 3339, UTC, fraction without trailing zeros).
-- The date is formatted once a second and the fractions once at load: os.date and gsub are not
-- compiled by LuaJIT, and a request should not pay for them.
local FRACTION = { [0] = "" }
for i = 1, 999 do FRACTION[i] = (format(".%03d", i):gsub("0+$", "")) end
local formatted_second, formatted_date = nil, nil
local function rfc3339(ms)
  local seconds = floor(ms / 1000)
  if seconds ~= formatted_second then
    formatted_second, formatted_date = seconds, date("!%Y-%m-%dT%H:%M:%S", seconds)
  end
  return formatted_date .. FRACTION[floor(ms - seconds * 1000)] .. "+00:00"
end
M.rfc3339 = rfc3339

math.randomseed(time() + (tonumber(tostring({}):match("0x(%x+)") or "0", 16) or 0) % 1000003)
local worker = format("%06x", random(0, 16777215))
local sequence = 0
local function new_id()
  sequence = sequence + 1
  return worker .. "-" .. sequence
end

local log_second, logged_this_second, suppressed = 0, 0, 0
local function log_failure(handle, what, err)
  local now = time()
  if now ~= log_second then log_second, logged_this_second = now, 0 end
  if logged_this_second > 0 then
    suppressed = suppressed + 1
    return
  end
  logged_this_second = 1
  local note = suppressed > 0 and format(" (%d more failures not logged)", suppressed) or ""
  suppressed = 0
  pcall(handle.logWarn, handle, "meshmirror: " .. what .. " not mirrored: " .. tostring(err) .. note)
end

-- Sending ---------------------------------------------------------------------------------------------
-- What depends only on the settings, made once per settings table: the call's headers and options
-- (Envoy copies them into the request at each call and never changes the table), and the encoded
-- fields that name the sender.
local per_settings = setmetatable({}, { __mode = "k" })
local function setup_of(config)
  local setup = per_settings[config]
  if not setup then
    local sender = new_writer()
    put_struct_field(sender, CONNECTOR, config.connector)
    put_struct_field(sender, VERSION, config.version)
    setup = {
      headers = {
        [":method"] = "POST",
        [":path"] = PATH,
        [":authority"] = config.authority,
        [":scheme"] = config.scheme,
        ["content-type"] = "application/grpc",
        ["te"] = "trailers",
      },
      options = { asynchronous = true, timeout_ms = config.timeout_ms },
      sender = sender:tostring(),
    }
    per_settings[config] = setup
  end
  return setup
end

local function send(handle, config, body)
  local setup = setup_of(config)
  handle:httpCall(config.cluster, setup.headers, body, setup.options)
end

-- Transactions in flight ------------------------------------------------------------------------------
-- Request and response travel in one call, so whichever side ends first waits for the other, in
-- per-worker tables keyed by the id the stream carries: reading[id] while the request's body is read,
-- waiting[id] = the request's messages once encoded, early[id] = the response's messages when the
-- response ended before the request did (a server answering an upload early). started[id] and a FIFO
-- of ids bound them all by entries, bytes and age.
local reading, waiting, early, started, queue, head, tail = {}, {}, {}, {}, {}, 1, 0
local pending_count, pending_bytes = 0, 0
M.pending = function() return pending_count, pending_bytes end

local function forget(id)
  local request, response = waiting[id], early[id]
  if request then pending_bytes = pending_bytes - #request end
  if response then pending_bytes = pending_bytes - #response end
  reading[id], waiting[id], early[id], started[id] = nil, nil, nil, nil
  pending_count = pending_count - 1
end

-- Ends the oldest transactions while the tables are over their bounds or too old: a waiting request
-- is sent alone (it is still analysed); a request still being read will be sent alone when it ends;
-- a response whose request never ended is dropped.
local function evict(handle, config, now)
  while head <= tail do
    local id = queue[head]
    local since = started[id]
    if since and pending_count <= config.max_pending and pending_bytes <= config.max_pending_bytes
        and now - since <= config.pending_ms then
      return
    end
    queue[head] = nil
    head = head + 1
    if since then
      local request = waiting[id]
      forget(id)
      if request then
        local ok, err = pcall(send, handle, config, request)
        if not ok then log_failure(handle, "transaction", err) end
      end
    end
  end
end

-- The connector's own attributes: how long the body really was, whether any of it was not sent.
local function own_attributes(total, kept, config, request)
  scratch:reset()
  put_struct_field(scratch, BODY_BYTES, tostring(total))
  put_struct_field(scratch, BODY_TRUNCATED, total > kept)
  if request then scratch:put(setup_of(config).sender) end
  return attributes_entry(NAMESPACE, scratch:tostring())
end

local function mirror_request(handle, config)
  local now = now_ms(handle)
  evict(handle, config, now)
  local headers = handle:headers()
  local path = headers:get(":path") or ""
  local prefixes = config.exclude_paths
  for i = 1, #prefixes do
    if find(path, prefixes[i], 1, true) == 1 then
      -- Why a transaction is not mirrored, at Envoy's debug level (and in meshmirror preview).
      handle:logDebug("meshmirror: not mirrored: the path starts with excluded " .. prefixes[i])
      return
    end
  end
  if config.percent < 100 and random() * 100 >= config.percent then
    handle:logDebug("meshmirror: not mirrored: not sampled (" .. config.percent .. " %)")
    return
  end
  local info = handle:streamInfo()
  -- What Envoy's attributes say, as ext_proc evaluates them when the request starts.
  scratch:reset()
  local request_id = headers:get("x-request-id")
  if request_id and is_utf8(request_id) then put_struct_field(scratch, REQUEST_ID, request_id) end
  put_struct_field(scratch, REQUEST_TIME, rfc3339(now))
  local source = info:downstreamRemoteAddress()
  if source and is_utf8(source) then put_struct_field(scratch, SOURCE_ADDRESS, source) end
  local envoy_attributes = attributes_entry(FILTER_ATTRIBUTES, scratch:tostring())
  local map = encode_header_map(headers, config.redact_headers)
  local id = new_id()
  info:dynamicMetadata():set(NAMESPACE, "id", id)
  reading[id], started[id] = true, now
  pending_count = pending_count + 1
  tail = tail + 1
  queue[tail] = id
  local chunks, chunk_count, kept, total = read_body(handle, config.request_body and config.max_body_bytes or 0)
  local attributes = envoy_attributes .. own_attributes(total, kept, config, true)
  frames:reset()
  put_headers_message(frames, REQUEST_HEADERS, map, total == 0, attributes)
  put_body_messages(frames, REQUEST_BODY, chunks, chunk_count)
  if not reading[id] then -- evicted while its body was read: sent alone
    send(handle, config, take_string(frames))
    return
  end
  local response = early[id]
  if response then -- the response ended first and waits: send both
    forget(id)
    frames:put(response)
    send(handle, config, take_string(frames))
    return
  end
  local request = take_string(frames)
  reading[id], waiting[id] = nil, request
  pending_bytes = pending_bytes + #request
  evict(handle, config, now)
end

local function mirror_response(handle, config)
  local state = handle:streamInfo():dynamicMetadata():get(NAMESPACE)
  local id = state and state.id
  if not id or not started[id] then return end -- not sampled, excluded, sent alone, or no request state
  local map = encode_header_map(handle:headers(), config.redact_headers)
  local chunks, chunk_count, kept, total = read_body(handle, config.response_body and config.max_body_bytes or 0)
  local request = waiting[id]
  if not request and not reading[id] then return end -- evicted while the body was read
  frames:reset()
  if request then
    forget(id)
    frames:put(request)
  end
  put_headers_message(frames, RESPONSE_HEADERS, map, total == 0, own_attributes(total, kept, config, false))
  put_body_messages(frames, RESPONSE_BODY, chunks, chunk_count)
  if request then
    send(handle, config, take_string(frames))
  else -- the request is still being read: the response waits for it
    local response = take_string(frames)
    early[id] = response
    pending_bytes = pending_bytes + #response
  end
end

function M.on_request(handle, config)
  local ok, err = pcall(mirror_request, handle, config)
  if not ok then log_failure(handle, "request", err) end
end

function M.on_response(handle, config)
  local ok, err = pcall(mirror_response, handle, config)
  if not ok then log_failure(handle, "transaction", err) end
end

return M
