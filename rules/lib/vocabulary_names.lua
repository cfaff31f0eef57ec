-- rules/lib/vocabulary_names.lua — the Chinese names of the vocabulary's values (lib/vocabulary.lua), for trace
-- lines and reports.

local vocabulary = require("vocabulary")

local vocabulary_names = {}

--- The Chinese name of a field's value: name("trades", "plumbing") is "给排水". A value the vocabulary does not list
--- comes back as it is.
function vocabulary_names.name(field, key)
  local names = vocabulary.names[field]
  return names and names[key] or tostring(key)
end

--- The Chinese names of a list of a field's values, joined with 、: names("trades", { "plumbing", "electrical" })
--- is "给排水、电气".
function vocabulary_names.names(field, keys)
  local names = {}
  for i, key in ipairs(keys) do
    names[i] = vocabulary_names.name(field, key)
  end
  return table.concat(names, "、")
end

return vocabulary_names
