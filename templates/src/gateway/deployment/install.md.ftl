<#-- INSTALL.md steps of a gateway that is a plain Deployment. -->
<#import "/lib/mounts.ftl" as mounts>
<#macro fileRow>
| `${sh(c.files.mount)}` | a strategic-merge patch for the gateway Deployment that mounts <@mounts.what/> |
</#macro>
<#macro mountCommands>
kubectl --namespace ${sh(c.gateway.namespace)} patch deployment ${sh(c.gateway.name)} \
  --type strategic --patch-file ${sh(c.files.mount)}
<@mounts.rollout/>
</#macro>
<#macro mountNote>
<@mounts.rollNote/>
</#macro>
<#macro unmountCommands>
kubectl --namespace ${sh(c.gateway.namespace)} patch deployment ${sh(c.gateway.name)} \
  --type strategic --patch ${sh(c.mount.deploymentUnmountPatch)}
<@mounts.rollout/>
</#macro>
