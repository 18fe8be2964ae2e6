<#-- INSTALL.md lines of the lua transport. -->
<#macro fileRow>
| `${sh(c.files.filter)}` | EnvoyFilter that inserts the Lua filter just before the router<#if c.lua.inline>; the modules travel inside it</#if> |
</#macro>
