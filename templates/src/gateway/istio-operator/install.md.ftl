<#-- INSTALL.md steps of a gateway installed by istioctl from an IstioOperator. -->
<#macro fileRow>
| `${sh(c.files.mount)}` | the IstioOperator gateway entry that mounts the modules, with `k8s.overlays` |
</#macro>
<#macro mountCommands>
# First merge the ingressGateways entry of ${sh(c.files.mount)} into your IstioOperator.
istioctl install -f your-istio-operator.yaml
kubectl --namespace ${sh(c.gateway.namespace)} rollout status deployment/${sh(c.gateway.name)}
</#macro>
<#macro mountNote>
The overlay uses `k8s.overlays`: Istio silently ignores `k8s.volumes` and `k8s.volumeMounts` on
gateways, which is why hand-written setups that use them mirror nothing.
</#macro>
