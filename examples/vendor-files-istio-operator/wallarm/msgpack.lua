-- Stand-in for the vendor's msgpack module: encodes a flat map of short strings and small integers.
local M = {}

local function str(s)
  if #s < 32 then return string.char(160 + #s) .. s end
  return string.char(217, #s) .. s
end

function M.pack(map)
  local keys, out = {}, {}
  for k in pairs(map) do keys[#keys + 1] = k end
  table.sort(keys)
  out[1] = string.char(128 + #keys)
  for _, k in ipairs(keys) do
    local v = map[k]
    out[#out + 1] = str(k)
    out[#out + 1] = type(v) == "number" and string.char(205, math.floor(v / 256), v % 256) or str(v)
  end
  return table.concat(out)
end

return M
