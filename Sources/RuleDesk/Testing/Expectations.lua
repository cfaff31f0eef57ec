-- The `expect_*` helpers of rule tests (see RuleTestRunner.swift), run in each test file's environment: they fail
-- with `file:line: what: expected E, got A`, pointing at the test's own line.

local function show(value, depth)
  depth = depth or 0
  if type(value) == "string" then return (string.format("%q", value):gsub("\\\n", "\\n")) end
  if type(value) ~= "table" then return tostring(value) end
  if depth > 3 then return "{…}" end
  local parts, n = {}, #value
  for i = 1, n do parts[#parts + 1] = show(value[i], depth + 1) end
  local keys = {}
  for k in pairs(value) do
    if not (math.type(k) == "integer" and k >= 1 and k <= n) then keys[#keys + 1] = k end
  end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. " = " .. show(value[k], depth + 1) end
  return "{" .. table.concat(parts, ", ") .. "}"
end

local function same(a, b)
  if type(a) ~= "table" or type(b) ~= "table" then return a == b end
  for k, v in pairs(a) do if not same(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end

local function fail(what, text)
  error((what and (what .. ": ") or "") .. text, 3)
end

function expect_eq(actual, expected, what)
  if not same(actual, expected) then
    fail(what, "expected " .. show(expected) .. ", got " .. show(actual))
  end
end

function expect_true(value, what)
  if value ~= true then fail(what, "expected true, got " .. show(value)) end
end

function expect_false(value, what)
  if value ~= false then fail(what, "expected false, got " .. show(value)) end
end

function expect_nil(value, what)
  if value ~= nil then fail(what, "expected nil, got " .. show(value)) end
end

function expect_match(text, pattern, what)
  if type(text) ~= "string" or not string.find(text, pattern) then
    fail(what, "expected text matching " .. show(pattern) .. ", got " .. show(text))
  end
end

function expect_line(lines, text, what)
  if type(lines) == "table" then
    for _, line in ipairs(lines) do
      if type(line) == "string" and string.find(line, text, 1, true) then return end
    end
  end
  fail(what, "expected a line containing " .. show(text) .. ", got " .. show(lines))
end

function expect_error(fn, pattern, what)
  local ok, message = pcall(fn)
  if ok then fail(what, "expected an error, but it succeeded") end
  if pattern and not string.find(tostring(message), pattern) then
    fail(what, "expected an error matching " .. show(pattern) .. ", got " .. show(tostring(message)))
  end
end
