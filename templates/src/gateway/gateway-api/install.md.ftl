<#-- INSTALL.md steps of a Gateway API Gateway, whose Deployment Istio creates. -->
<#import "/lib/overlay.ftl" as overlay>
<#macro fileRow>
| `${sh(c.files.overlay)}` | ConfigMap with the options of the Deployment Istio runs for the Gateway: <@overlay.what/> |
</#macro>
<#-- The options ConfigMap a Gateway names, if any. -->
<#macro parameters>
PARAMETERS=$(kubectl --namespace ${sh(c.gateway.namespace)} get gateway ${sh(c.gateway.name)} \
  --output jsonpath='{.spec.infrastructure.parametersRef.name}')
</#macro>
<#macro overlayCommands>
kubectl apply -f ${sh(c.files.overlay)}
<@parameters/>
if [ -z "$PARAMETERS" ] || [ "$PARAMETERS" = ${sh(c.gateway.optionsConfigMap)} ]; then
  kubectl --namespace ${sh(c.gateway.namespace)} patch gateway ${sh(c.gateway.name)} \
    --type merge --patch ${sh(c.gateway.parametersRefPatch)}
else
  echo "STOP: the Gateway takes its options from ConfigMap $PARAMETERS: add to it the deployment patch of" ${sh(c.files.overlay)}
fi
<@overlay.rollout/>
</#macro>
<#macro overlayNote>
A Gateway names one options ConfigMap: if yours already has a `spec.infrastructure.parametersRef`, the
commands above leave it and say so; merge the `deployment` patch of `${sh(c.files.overlay)}` into the
ConfigMap it names. A GitOps controller that owns the Gateway reverts the patch: put the reference in
the Gateway's own manifest.

<@overlay.rollNote/>
</#macro>
<#macro removeCommands>
<@parameters/>
if [ "$PARAMETERS" = ${sh(c.gateway.optionsConfigMap)} ]; then
  kubectl --namespace ${sh(c.gateway.namespace)} patch gateway ${sh(c.gateway.name)} \
    --type json --patch '[{"op":"remove","path":"/spec/infrastructure/parametersRef"}]'
else
  echo "The Gateway takes its options from ConfigMap $PARAMETERS: take out of it what this connector added, from" ${sh(c.files.overlay)}
fi
<@overlay.rollout/>
</#macro>
