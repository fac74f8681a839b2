package config

// Example is a commented settings file, for folio config and the README.
const Example = `# folio settings
sort = "date"      # date, oldest, title, author or category
width = 80         # the reader's column, 20 to 240
theme = "auto"     # auto, dark or light
keep = "0"         # after a plain command, keep the folder open this long ("10m"), so the next answer at once

[keys]             # an action of the help screen (?) and its keys, instead of its default ones
open = ["enter", "o"]
reader.next = ["]", "L"]   # the reader's actions: reader.NAME here, or NAME under [keys.reader]

[[search]]         # a folder in the sidebar
name = "Follow up"
query = "tag:follow-up -is:read"
`
