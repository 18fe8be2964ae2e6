-- An emulation of the stream-handle API of Envoy's Lua HTTP filter, for testing mirroring scripts in
-- real LuaJIT. It follows Envoy's documentation (docs/root/configuration/http/http_filters/lua_filter.rst)
-- and behaviour (source/extensions/filters/http/lua/lua_filter.cc):
--   * each hook runs as a coroutine; bodyChunks() yields between chunks, as Envoy suspends the script;
--   * headers:get() joins repeated headers with ","; pairs() walks every header in order (Envoy builds
--     LuaJIT with Lua 5.2 compatibility, so __pairs is honoured; installed here if the runtime lacks it);
--   * httpCall needs :method, :path and :authority and a known cluster, else it raises as Envoy does
--     ("http call cluster invalid. Must be configured");
--   * a script error is recorded and the stream goes on, as Envoy's scriptError does.
-- Anything that would touch client traffic (respond, body(), header or body changes, synchronous
-- httpCall) is recorded as a violation.
-- Not modelled (each is a fixed answer here): trailers (handle:trailers() is nil), route metadata
-- (handle:metadata() is empty), TLS (connection():ssl() is nil), the stream info's addresses and
-- requested server name, the wall clock (emulator.now_ms, moved only by emulator.advance), answers to
-- httpCall (asynchronous calls get none, as in Envoy), Envoy's buffer limits and watermarks, and how
-- Envoy splits a body into chunks (a stream's chunks are given by the caller: the preview gives one).
emulator = {
  calls = {},
  logs = {},
  violations = {},
  script_errors = {},
  clusters = {},
  http_call_error = nil,
  now_ms = 1767225600000,
}

-- The worker's wall clock, under the test's control (scripts read it through os.time).
os.time = function() return math.floor(emulator.now_ms / 1000) end

function emulator.advance(seconds)
  emulator.now_ms = emulator.now_ms + seconds * 1000
end

do
  local honoured = false
  local probe = setmetatable({}, { __pairs = function() honoured = true; return function() return nil end end })
  for _ in pairs(probe) do end
  if not honoured then
    local raw_pairs = pairs
    pairs = function(t)
      local meta = getmetatable(t)
      if meta and meta.__pairs then return meta.__pairs(t) end
      return raw_pairs(t)
    end
  end
end

local function violation(what)
  emulator.violations[#emulator.violations + 1] = what
end

-- Headers -------------------------------------------------------------------------------------------
local Headers = {}
Headers.__index = Headers
-- Iterators without closures, so that LuaJIT compiles the script's loops over them (Envoy's own
-- iterators are C functions and cost the script nothing to trace).
local function next_header(self)
  local i = self.cursor + 1
  self.cursor = i
  local entry = self.entries[i]
  if entry then return entry[1], entry[2] end
end

Headers.__pairs = function(self)
  self.cursor = 0
  return next_header, self, nil
end

-- Like Envoy's header map, an index by name is built with the map, so that lookups are cheap (in
-- Envoy they are C code; the emulation should not bill the script for a slow lookup).
local function new_headers(entries)
  local index = {}
  for i = 1, #entries do
    local name, value = entries[i][1], entries[i][2]
    index[name] = index[name] and (index[name] .. "," .. value) or value
  end
  return setmetatable({ entries = entries, index = index }, Headers)
end

function Headers:get(name)
  local value = self.index[name]
  if value == nil and name:find("%u") then value = self.index[name:lower()] end
  return value
end

function Headers:getNumValues(name)
  local n = 0
  for _, entry in ipairs(self.entries) do
    if entry[1] == name:lower() then n = n + 1 end
  end
  return n
end

function Headers:add() violation("headers:add") end
function Headers:replace() violation("headers:replace") end
function Headers:remove() violation("headers:remove") end
function Headers:setHttp1ReasonPhrase() violation("headers:setHttp1ReasonPhrase") end

-- Buffers (body chunks) -----------------------------------------------------------------------------
local Buffer = {}
Buffer.__index = Buffer

function Buffer:length() return #self.data end

function Buffer:getBytes(index, length)
  if index < 0 or length < 0 or index + length > #self.data then
    error("index/length must be >= 0 and (index + length) must be <= buffer size")
  end
  return self.data:sub(index + 1, index + length)
end

function Buffer:setBytes() violation("buffer:setBytes") end

-- Stream info and dynamic metadata ------------------------------------------------------------------
local Metadata = {}
Metadata.__index = Metadata

function Metadata:get(namespace)
  return self.store[namespace]
end

function Metadata:set(namespace, key, value)
  local t = type(value)
  if t ~= "string" and t ~= "number" and t ~= "boolean" and t ~= "table" then
    error("unexpected value type " .. t)
  end
  self.store[namespace] = self.store[namespace] or {}
  self.store[namespace][key] = value
end

local StreamInfo = {}
StreamInfo.__index = StreamInfo

function StreamInfo:protocol() return self.stream.protocol or "HTTP/1.1" end
function StreamInfo:downstreamRemoteAddress() return self.stream.client or "203.0.113.7:51234" end
function StreamInfo:downstreamDirectRemoteAddress() return self.stream.client or "203.0.113.7:51234" end
function StreamInfo:downstreamLocalAddress() return "10.0.0.10:8080" end
function StreamInfo:requestedServerName() return "" end
function StreamInfo:dynamicMetadata() return self.metadata end

-- Handles -------------------------------------------------------------------------------------------
local Handle = {}
Handle.__index = Handle

function Handle:headers() return self.header_map end
function Handle:trailers() return nil end
function Handle:streamInfo() return self.info end
function Handle:timestamp() return emulator.now_ms end
function Handle:metadata() return setmetatable({}, { __index = function() return nil end }) end
function Handle:connection() return { ssl = function() return nil end } end

local function next_chunk(self)
  local i = self.chunk_index + 1
  self.chunk_index = i
  local data = self.chunks[i]
  if data == nil then return nil end
  coroutine.yield() -- Envoy suspends the script until the next chunk arrives
  local late = self.late_header
  if late then -- meanwhile the headers went on, and a later filter (the router) added one
    self.late_header = nil
    local headers = self.header_map
    headers.entries[#headers.entries + 1] = late
    headers.index[late[1]] = late[2]
  end
  return setmetatable({ data = data }, Buffer)
end

function Handle:bodyChunks()
  if self.chunk_index then error("bodyChunks() was already called") end
  self.chunk_index = 0
  return next_chunk, self, nil
end

function Handle:body()
  violation("body()")
  return setmetatable({ data = table.concat(self.chunks) }, Buffer)
end

function Handle:respond() violation("respond()") end

function Handle:httpCall(cluster, headers, body, options)
  if type(options) ~= "table" or options.asynchronous ~= true then
    violation("synchronous httpCall")
  end
  if type(options) == "table" and not (type(options.timeout_ms) == "number" and options.timeout_ms > 0) then
    violation("httpCall without timeout_ms")
  end
  if emulator.http_call_error then error(emulator.http_call_error) end
  if not emulator.clusters[cluster] then error("http call cluster invalid. Must be configured") end
  for _, required in ipairs({ ":method", ":path", ":authority" }) do
    if type(headers[required]) ~= "string" then
      error("http call headers must include ':path', ':method', and ':authority'")
    end
  end
  emulator.calls[#emulator.calls + 1] = {
    cluster = cluster, headers = headers, body = body, timeout_ms = options.timeout_ms,
  }
  return nil, nil
end

-- Tests remove methods from here to play an older Envoy.
emulator.handle_api = Handle

for _, level in ipairs({ "logTrace", "logDebug", "logInfo", "logWarn", "logErr", "logCritical" }) do
  Handle[level] = function(_, message)
    emulator.logs[#emulator.logs + 1] = level .. ": " .. tostring(message)
  end
end

-- Driving streams -----------------------------------------------------------------------------------
local function drive(hook, handle)
  if type(hook) ~= "function" then return end
  local co = coroutine.create(hook)
  local ok, err = coroutine.resume(co, handle)
  while ok and coroutine.status(co) == "suspended" do
    ok, err = coroutine.resume(co)
  end
  if not ok then emulator.script_errors[#emulator.script_errors + 1] = tostring(err) end
end

-- stream = { request_headers = {{name, value}, ...}, request_chunks = {...}, response_headers = ...,
--            response_chunks = ..., no_response = bool, no_request = bool, protocol = ..., client = ...,
--            late_request_header = {name, value} (added to the request headers while the script waits
--            for the first body chunk, as the router does), early_response = bool (the response runs
--            while the request hook waits for its first body chunk), abandon_request = bool (with
--            early_response: the request hook is never resumed, as when the client goes away mid-body) }
function emulator.run(stream)
  local info = setmetatable({ stream = stream, metadata = setmetatable({ store = {} }, Metadata) }, StreamInfo)
  if stream.early_response then
    -- The upstream answers while the request body is still coming: the request hook waits for its
    -- first chunk, the response hook runs to its end, then the request hook goes on.
    local request = coroutine.create(envoy_on_request)
    local ok, err = coroutine.resume(request, setmetatable({
      header_map = new_headers(stream.request_headers or {}), chunks = stream.request_chunks or {}, info = info,
    }, Handle))
    if not ok then emulator.script_errors[#emulator.script_errors + 1] = tostring(err) end
    drive(envoy_on_response, setmetatable({
      header_map = new_headers(stream.response_headers or { { ":status", "200" } }),
      chunks = stream.response_chunks or {}, info = info,
    }, Handle))
    while ok and coroutine.status(request) == "suspended" and not stream.abandon_request do
      ok, err = coroutine.resume(request)
      if not ok then emulator.script_errors[#emulator.script_errors + 1] = tostring(err) end
    end
    return info.metadata.store
  end
  if not stream.no_request then
    drive(envoy_on_request, setmetatable({
      header_map = new_headers(stream.request_headers or {}), chunks = stream.request_chunks or {}, info = info,
      late_header = stream.late_request_header,
    }, Handle))
  end
  if not stream.no_response then
    drive(envoy_on_response, setmetatable({
      header_map = new_headers(stream.response_headers or { { ":status", "200" } }),
      chunks = stream.response_chunks or {}, info = info,
    }, Handle))
  end
  return info.metadata.store
end

function emulator.reset()
  emulator.calls, emulator.logs, emulator.violations, emulator.script_errors = {}, {}, {}, {}
end

local function hex(s)
  return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

function emulator.unhex(h)
  return (h:gsub("%x%x", function(b) return string.char(tonumber(b, 16)) end))
end

-- What Java reads back: one line per call, "cluster timeout_ms headers", each field in hex so that any
-- byte (NUL included) survives the trip; headers as "name.value" pairs of hex, joined by ",". Bodies,
-- which can be large, are read as raw strings (emulator.calls[i].body).
function emulator.report()
  local lines = {}
  for _, call in ipairs(emulator.calls) do
    local headers = {}
    for name, value in pairs(call.headers) do headers[#headers + 1] = hex(name) .. "." .. hex(tostring(value)) end
    lines[#lines + 1] = table.concat({ hex(call.cluster), hex(tostring(call.timeout_ms)),
      table.concat(headers, ",") }, " ")
  end
  return table.concat(lines, "\n")
end

-- The body of call i, for Java to read as raw bytes.
function emulator.body(i)
  return emulator.calls[i].body or ""
end
