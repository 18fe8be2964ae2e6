-- meshmirror: the pieces of a MessagePack encoder in pure Lua 5.1 / LuaJIT (no string.pack, no bit
-- library) that the connector writes its messages with: numbers (integers exact up to 2^53, else
-- float 64), strings (str when valid UTF-8, else bin) and the headers of str, bin, map and array,
-- so that a hot path writes a message of known shape straight into a buffer.
local M = {}

local char, byte, floor, frexp = string.char, string.byte, math.floor, math.frexp
local huge = math.huge

-- n >= 0, written big-endian in 2 or 4 bytes.
local function unsigned(n, size)
  if size == 2 then
    return char(floor(n / 256), n % 256)
  end
  return char(floor(n / 16777216), floor(n / 65536) % 256, floor(n / 256) % 256, n % 256)
end

local function integer(n)
  if n >= 0 then
    if n < 128 then return char(n) end
    if n < 256 then return "\204" .. char(n) end
    if n < 65536 then return "\205" .. unsigned(n, 2) end
    if n < 4294967296 then return "\206" .. unsigned(n, 4) end
    return "\207" .. unsigned(floor(n / 4294967296), 4) .. unsigned(n % 4294967296, 4)
  end
  if n >= -32 then return char(256 + n) end
  if n >= -128 then return "\208" .. char(256 + n) end
  if n >= -32768 then return "\209" .. unsigned(65536 + n, 2) end
  if n >= -2147483648 then return "\210" .. unsigned(4294967296 + n, 4) end
  local high = floor(n / 4294967296)
  return "\211" .. unsigned(high + 4294967296, 4) .. unsigned(n - high * 4294967296, 4)
end

-- IEEE 754 binary64, built from frexp.
local function float64(x)
  if x ~= x then return "\203\127\248\0\0\0\0\0\0" end
  local sign = 0
  if x < 0 or (x == 0 and 1 / x < 0) then
    sign = 128
    x = -x
  end
  if x == huge then return "\203" .. char(sign + 127, 240, 0, 0, 0, 0, 0, 0) end
  if x == 0 then return "\203" .. char(sign, 0, 0, 0, 0, 0, 0, 0) end
  local mantissa, exponent = frexp(x)
  local biased = exponent + 1022
  local fraction
  if biased >= 1 then
    fraction = (mantissa * 2 - 1) * 4503599627370496 -- 2^52
  else
    biased = 0
    fraction = x * 2 ^ 1022 * 2 ^ 52 -- 2^1074 at once would overflow
  end
  local high = floor(fraction / 4294967296)
  local first = biased * 16 + floor(high / 65536)
  return "\203" .. char(sign + floor(first / 256), first % 256) .. unsigned(high % 65536, 2)
    .. unsigned(fraction % 4294967296, 4)
end

local function number(n)
  if n == floor(n) and n >= -9007199254740992 and n <= 9007199254740992 then
    return integer(n)
  end
  return float64(n)
end

-- Whether s is valid UTF-8. A plain byte loop: LuaJIT compiles it, where a pattern would not be.
local function utf8(s)
  local i, n = 1, #s
  while i <= n do
    local c = byte(s, i)
    if c < 128 then
      i = i + 1
    else
      local extra
      if c >= 194 and c <= 223 then extra = 1
      elseif c >= 224 and c <= 239 then extra = 2
      elseif c >= 240 and c <= 244 then extra = 3
      else return false end
      for k = 1, extra do
        local b = byte(s, i + k)
        if not b or b < 128 or b > 191 then return false end
      end
      local b = byte(s, i + 1)
      if (c == 224 and b < 160) or (c == 237 and b > 159) or (c == 240 and b < 144) or (c == 244 and b > 143) then
        return false
      end
      i = i + extra + 1
    end
  end
  return true
end

local function header(len, fix, fixmax, one, two, four)
  if fix and len <= fixmax then return char(fix + len) end
  if one and len < 256 then return one .. char(len) end
  if len < 65536 then return two .. unsigned(len, 2) end
  if len < 4294967296 then return four .. unsigned(len, 4) end
  error("msgpack: " .. len .. " is too long")
end

local function str(s)
  return header(#s, 160, 31, "\217", "\218", "\219") .. s
end

local function bin(s)
  return header(#s, nil, nil, "\196", "\197", "\198") .. s
end

M.is_utf8 = utf8
M.number = number

-- A string as str when it is valid UTF-8, else as bin.
function M.string(s)
  return utf8(s) and str(s) or bin(s)
end

-- The header of a str or bin of the given length; the bytes themselves follow it. Headers of
-- lengths below 256 are made once, here, so the hot path only looks them up.
local STR_HEADERS, BIN_HEADERS = {}, {}
for len = 0, 255 do
  STR_HEADERS[len] = header(len, 160, 31, "\217", "\218", "\219")
  BIN_HEADERS[len] = header(len, nil, nil, "\196", "\197", "\198")
end

function M.str_header(len)
  return STR_HEADERS[len] or header(len, 160, 31, "\217", "\218", "\219")
end

function M.bin_header(len)
  return BIN_HEADERS[len] or header(len, nil, nil, "\196", "\197", "\198")
end

function M.map_header(n)
  return header(n, 128, 15, nil, "\222", "\223")
end

function M.array_header(n)
  return header(n, 144, 15, nil, "\220", "\221")
end

return M
