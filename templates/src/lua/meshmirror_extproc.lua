-- meshmirror: the bundled connector. For each sampled transaction it sends the analysis node one
-- gRPC call of Envoy's ext_proc protocol (envoy.service.ext_proc.v3.ExternalProcessor/Process) in
-- observability mode: the messages Envoy's own ext_proc filter would send (request headers, request
-- body chunks, response headers, response body chunks; observability_mode set; the attributes
-- request.id, request.time and source.address), so any ext_proc server receives it unchanged.
--
-- It never delays, blocks, fails or changes client traffic: asynchronous httpCall only, with a
-- timeout; no respond(), no header or body change, no body() (bodyChunks() only, at most
-- max_body_bytes copied); every step under pcall, failures logged at most once a second per worker.
-- The request waits for its response in a per-worker table bounded by entries, bytes and age; an
-- evicted or never-answered request is sent alone. Only an ASCII id travels in dynamic metadata.
-- The wire format is described in docs/protocol.md.
local M = {}

local NAMESPACE = "meshmirror"
local PATH = "/envoy.service.ext_proc.v3.ExternalProcessor/Process"
local FILTER_ATTRIBUTES = "envoy.filters.http.ext_proc"
local MAX_BODY_PER_MESSAGE = 1048000 -- each message stays under 1 MiB (gRPC servers take 4 MiB)

local char, byte, floor, format = string.char, string.byte, math.floor, string.format
local random, time, date = math.random, os.time, os.date
local pcall, tostring, tonumber, pairs, type = pcall, tostring, tonumber, pairs, type

-- Writers: LuaJIT's string.buffer where the runtime has it (every Envoy LuaJIT from 1.28 on), else a
-- table of pieces joined once. Both offer put(...) and tostring().
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
local function new_writer()
  if has_buffer then return buffer.new() end
  return setmetatable({ n = 0 }, Pieces)
end
M.uses_string_buffer = has_buffer

-- Protobuf pieces -----------------------------------------------------------------------------------
local VARINT = {}
for i = 0, 127 do VARINT[i] = char(i) end
local function varint(n)
  local one = VARINT[n]
  if one then return one end
  local out = ""
  while n >= 128 do
    out = out .. char(n % 128 + 128)
    n = floor(n / 128)
  end
  return out .. char(n)
end
local function varint_size(n)
  local size = 1
  while n >= 128 do
    size = size + 1
    n = floor(n / 128)
  end
  return size
end
-- The size of a length-delimited field (one-byte tag) holding n bytes.
local function field_size(n) return 1 + varint_size(n) + n end

local TRUE_OBSERVABILITY = "\80\1"   -- ProcessingRequest.observability_mode (10) = true
local EMPTY_METADATA = "\66\0"       -- ProcessingRequest.metadata_context (8) = {}, as Envoy sends it

-- A string is valid UTF-8 (proto3 string fields must be).
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

-- google.protobuf.Value as a string (string_value = 3) or a bool (bool_value = 4); nil for a
-- string that is not UTF-8, which is left out.
local function value_size(v)
  if type(v) == "boolean" then return 2 end
  return field_size(#v)
end
local function put_value(w, v)
  if type(v) == "boolean" then
    w:put(v and "\32\1" or "\32\0")
  else
    w:put("\26", varint(#v), v)
  end
end

-- A Struct from parallel lists of names and values (values: strings or booleans).
local function struct_size(names, values, count)
  local size = 0
  for i = 1, count do
    local entry = field_size(#names[i]) + field_size(value_size(values[i]))
    size = size + field_size(entry)
  end
  return size
end
local function put_struct(w, names, values, count)
  for i = 1, count do
    local vsize = value_size(values[i])
    local entry = field_size(#names[i]) + field_size(vsize)
    w:put("\10", varint(entry), "\10", varint(#names[i]), names[i], "\18", varint(vsize))
    put_value(w, values[i])
  end
end

-- One attributes map entry (ProcessingRequest.attributes = 9): key, then its Struct.
local function attributes_entry_size(key, names, values, count)
  return field_size(field_size(#key) + field_size(struct_size(names, values, count)))
end
local function put_attributes_entry(w, key, names, values, count)
  local ssize = struct_size(names, values, count)
  w:put("\74", varint(field_size(#key) + field_size(ssize)), "\10", varint(#key), key, "\18", varint(ssize))
  put_struct(w, names, values, count)
end

-- A HeaderMap of parallel lists of names and values, each value as raw_value (bytes), as Envoy sends.
local function header_map_size(names, values, count)
  local size = 0
  for i = 1, count do
    size = size + field_size(field_size(#names[i]) + field_size(#values[i]))
  end
  return size
end

-- One gRPC frame: ProcessingRequest{ <field> HttpHeaders{headers, end_of_stream}, metadata_context,
-- attributes, observability_mode }.
local function put_headers_message(w, field, names, values, count, end_of_stream, attributes)
  local map = header_map_size(names, values, count)
  local http_headers = field_size(map) + (end_of_stream and 2 or 0)
  local size = field_size(http_headers) + #EMPTY_METADATA + #TRUE_OBSERVABILITY
  for i = 1, #attributes do
    local a = attributes[i]
    size = size + attributes_entry_size(a.key, a.names, a.values, a.count)
  end
  w:put("\0", char(floor(size / 16777216) % 256, floor(size / 65536) % 256, floor(size / 256) % 256, size % 256))
  w:put(field, varint(http_headers), "\10", varint(map))
  for i = 1, count do
    local name, value = names[i], values[i]
    w:put("\10", varint(field_size(#name) + field_size(#value)))
    w:put("\10", varint(#name), name, "\26", varint(#value), value)
  end
  if end_of_stream then w:put("\24\1") end
  w:put(EMPTY_METADATA)
  for i = 1, #attributes do
    local a = attributes[i]
    put_attributes_entry(w, a.key, a.names, a.values, a.count)
  end
  w:put(TRUE_OBSERVABILITY)
end

-- One gRPC frame: ProcessingRequest{ <field> HttpBody{body, end_of_stream}, metadata_context,
-- observability_mode }.
local function put_body_message(w, field, data, end_of_stream)
  local http_body = (#data > 0 and field_size(#data) or 0) + (end_of_stream and 2 or 0)
  local size = field_size(http_body) + #EMPTY_METADATA + #TRUE_OBSERVABILITY
  w:put("\0", char(floor(size / 16777216) % 256, floor(size / 65536) % 256, floor(size / 256) % 256, size % 256))
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

-- Every header (pseudo-headers included) as parallel lists, duplicates kept, redacted ones left out
-- (as ext_proc's forward_rules do). Read before the body: once the script waits for body chunks,
-- the headers go on down the chain and later filters may add to them.
local function read_headers(headers, redact)
  local names, values, count = {}, {}, 0
  for name, value in pairs(headers) do
    if not redact[name] then
      count = count + 1
      names[count] = name
      values[count] = value
    end
  end
  return names, values, count
end

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
  local timestamp = handle.timestamp
  if timestamp then
    local ok, ms = pcall(timestamp, handle)
    if ok and type(ms) == "number" then return ms end
  end
  return time() * 1000
end

-- request.time as Envoy prints a timestamp attribute (RFC 3339, UTC, fraction without trailing zeros).
local function rfc3339(ms)
  local seconds = floor(ms / 1000)
  local fraction = ms - seconds * 1000
  local text = date("!%Y-%m-%dT%H:%M:%S", seconds)
  if fraction > 0 then text = text .. (format(".%03d", fraction):gsub("0+$", "")) end
  return text .. "+00:00"
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
local function send(handle, config, body)
  handle:httpCall(config.cluster, {
    [":method"] = "POST",
    [":path"] = PATH,
    [":authority"] = config.authority,
    [":scheme"] = config.scheme,
    ["content-type"] = "application/grpc",
    ["te"] = "trailers",
  }, body, { asynchronous = true, timeout_ms = config.timeout_ms })
end

-- Requests waiting for their response --------------------------------------------------------------
-- id -> { frames = the request's messages, t = when it was stored }; a FIFO of ids for eviction.
local pending, queue, head, tail = {}, {}, 1, 0
local pending_count, pending_bytes = 0, 0
M.pending = function() return pending_count, pending_bytes end

local function take(id)
  local entry = pending[id]
  if entry then
    pending[id] = nil
    pending_count = pending_count - 1
    pending_bytes = pending_bytes - #entry.frames
  end
  return entry
end

-- Sends the oldest waiting requests alone while the table is over its bounds or they are too old.
local function evict(handle, config, now)
  while head <= tail do
    local id = queue[head]
    local entry = pending[id]
    if entry and pending_count <= config.max_pending and pending_bytes <= config.max_pending_bytes
        and now - entry.t <= config.pending_ms then
      return
    end
    queue[head] = nil
    head = head + 1
    if entry then
      take(id)
      local ok, err = pcall(send, handle, config, entry.frames)
      if not ok then log_failure(handle, "transaction", err) end
    end
  end
end

local function mirror_request(handle, config)
  local now = now_ms(handle)
  evict(handle, config, now)
  local headers = handle:headers()
  local path = headers:get(":path") or ""
  local prefixes = config.exclude_paths
  for i = 1, #prefixes do
    if path:sub(1, #prefixes[i]) == prefixes[i] then return end
  end
  if config.percent < 100 and random() * 100 >= config.percent then return end
  local info = handle:streamInfo()
  local names, values, count = read_headers(headers, config.redact_headers)
  local request_id = headers:get("x-request-id")
  local source = info:downstreamRemoteAddress()
  local id = new_id()
  info:dynamicMetadata():set(NAMESPACE, "id", id)
  local chunks, chunk_count, kept, total = read_body(handle, config.request_body and config.max_body_bytes or 0)
  local filter_names, filter_values, filter_count = {}, {}, 0
  if request_id and is_utf8(request_id) then
    filter_count = filter_count + 1
    filter_names[filter_count], filter_values[filter_count] = "request.id", request_id
  end
  filter_count = filter_count + 1
  filter_names[filter_count], filter_values[filter_count] = "request.time", rfc3339(now)
  if source and is_utf8(source) then
    filter_count = filter_count + 1
    filter_names[filter_count], filter_values[filter_count] = "source.address", source
  end
  local attributes = {
    { key = FILTER_ATTRIBUTES, names = filter_names, values = filter_values, count = filter_count },
    { key = NAMESPACE, names = { "body_bytes", "body_truncated", "connector", "version" },
      values = { tostring(total), total > kept, config.connector, config.version }, count = 4 },
  }
  local w = new_writer()
  put_headers_message(w, REQUEST_HEADERS, names, values, count, total == 0, attributes)
  put_body_messages(w, REQUEST_BODY, chunks, chunk_count)
  local frames = w:tostring()
  pending[id] = { frames = frames, t = now }
  pending_count = pending_count + 1
  pending_bytes = pending_bytes + #frames
  tail = tail + 1
  queue[tail] = id
  evict(handle, config, now)
end

local function mirror_response(handle, config)
  local state = handle:streamInfo():dynamicMetadata():get(NAMESPACE)
  local id = state and state.id
  if not id then return end -- not sampled, excluded, or no request state
  local entry = take(id)
  if not entry then return end -- already sent alone: evicted or too old
  local headers = handle:headers()
  local names, values, count = read_headers(headers, config.redact_headers)
  local chunks, chunk_count, kept, total = read_body(handle, config.response_body and config.max_body_bytes or 0)
  local attributes = {
    { key = NAMESPACE, names = { "body_bytes", "body_truncated" }, values = { tostring(total), total > kept },
      count = 2 },
  }
  local w = new_writer()
  w:put(entry.frames)
  put_headers_message(w, RESPONSE_HEADERS, names, values, count, total == 0, attributes)
  put_body_messages(w, RESPONSE_BODY, chunks, chunk_count)
  send(handle, config, w:tostring())
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
