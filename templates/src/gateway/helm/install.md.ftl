<#-- INSTALL.md steps of a gateway installed with the istio/gateway Helm chart. -->
<#import "/lib/overlay.ftl" as overlay>
<#macro fileRow>
| `${sh(c.files.overlay)}` | values for the gateway's Helm release: <@overlay.what/> |
</#macro>
<#-- The chart stays at the version installed: an upgrade without --version would move the gateway to the newest chart. -->
<#macro chartVersion>
helm repo add istio https://istio-release.storage.googleapis.com/charts
helm repo update istio
CHART_VERSION=$(helm get metadata ${sh(c.gateway.name)} --namespace ${sh(c.gateway.namespace)} | sed -n 's/^VERSION: //p')
</#macro>
<#-- Helm replaces a list given in values: the lists to give are the Deployment's own, with this connector's entries added or taken out by a strategic-merge patch (kubectl patch --local changes nothing in the cluster). -->
<#macro lists patch>
DEPLOYMENT=$(kubectl --namespace ${sh(c.gateway.namespace)} get deployment ${sh(c.gateway.name)} --output json)
PATCH=${sh(patch)}
VOLUMES=$(printf '%s' "$DEPLOYMENT" | kubectl patch --local --filename - --type strategic --patch "$PATCH" \
  --output jsonpath='{.spec.template.spec.volumes}')
MOUNTS=$(printf '%s' "$DEPLOYMENT" | kubectl patch --local --filename - --type strategic --patch "$PATCH" \
  --output jsonpath='{.spec.template.spec.containers[?(@.name=="istio-proxy")].volumeMounts}')
[ -n "$VOLUMES" ] || VOLUMES='[]'
[ -n "$MOUNTS" ] || MOUNTS='[]'
</#macro>
<#macro overlayCommands>
<@chartVersion/>
<#if c.overlay.hasVolumes>
<@lists c.overlay.deploymentPatch/>
</#if>
helm upgrade ${sh(c.gateway.name)} istio/gateway --namespace ${sh(c.gateway.namespace)} \
  --version "$CHART_VERSION" --reuse-values --values ${sh(c.files.overlay)}<#if c.overlay.hasVolumes> \
  --set-json "volumes=$VOLUMES" --set-json "volumeMounts=$MOUNTS"</#if>
<@overlay.rollout/>
</#macro>
<#macro overlayNote>
Helm 3.13 or newer (`helm get metadata`). Helm replaces a list that values give, so the commands
above do not pass the lists of `${sh(c.files.overlay)}` as they are: they read the gateway
Deployment's own volumes and mounts and give Helm those with this connector's entries added; your
release's other values, volumes, mounts and pod annotations stay.

<@overlay.rollNote/>
</#macro>
<#macro removeCommands>
<@chartVersion/>
<#if c.overlay.hasVolumes>
<@lists c.overlay.deploymentUnpatch/>
</#if>
helm upgrade ${sh(c.gateway.name)} istio/gateway --namespace ${sh(c.gateway.namespace)} \
  --version "$CHART_VERSION" --reuse-values<#list c.overlay.helmRemoval as h> \
  ${sh(h.flag)} ${sh(h.setting)}</#list><#if c.overlay.hasVolumes> \
  --set-json "volumes=$VOLUMES" --set-json "volumeMounts=$MOUNTS"</#if>
<@overlay.rollout/>
</#macro>
