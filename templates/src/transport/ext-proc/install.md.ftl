<#-- INSTALL.md lines of the ext-proc transport. -->
<#macro fileRow>
| `${sh(c.files.filter)}` | EnvoyFilter that inserts Envoy's ext_proc filter, in observability mode, first in the gateway's HTTP chain |
</#macro>
