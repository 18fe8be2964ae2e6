<#-- INSTALL.md steps of a gateway installed with the istio/gateway Helm chart. -->
<#import "/lib/mounts.ftl" as mounts>
<#macro fileRow>
| `${sh(c.files.mount)}` | values for the gateway's Helm release that mount <@mounts.what/> into its pods |
</#macro>
<#-- The chart stays at the version installed: an upgrade without --version would move the gateway to the newest chart. -->
<#macro chartVersion>
CHART_VERSION=$(helm get metadata ${sh(c.gateway.name)} --namespace ${sh(c.gateway.namespace)} | sed -n 's/^VERSION: //p')
</#macro>
<#macro mountCommands>
<@chartVersion/>
helm upgrade ${sh(c.gateway.name)} istio/gateway --namespace ${sh(c.gateway.namespace)} \
  --version "$CHART_VERSION" --reuse-values --values ${sh(c.files.mount)}
<@mounts.rollout/>
</#macro>
<#macro mountNote>
Helm replaces lists: if your release already sets `volumes` or `volumeMounts`, add these entries to
yours in `${sh(c.files.mount)}` first. <@mounts.rollNote/>
</#macro>
<#macro unmountCommands>
<@chartVersion/>
helm upgrade ${sh(c.gateway.name)} istio/gateway --namespace ${sh(c.gateway.namespace)} \
  --version "$CHART_VERSION" --reuse-values --set volumes=null --set volumeMounts=null
<@mounts.rollout/>
</#macro>
