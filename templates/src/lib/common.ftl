<#-- Blocks shared by the generated Kubernetes objects. Every value goes through y(). -->
<#macro metadata name namespace>
metadata:
  name: ${y(name)}
  namespace: ${y(namespace)}
  labels:
    app.kubernetes.io/managed-by: meshmirror
    app.kubernetes.io/part-of: ${y(c.name)}
</#macro>
<#-- How an EnvoyFilter picks the gateway: targetRefs to the Gateway, or a workloadSelector. -->
<#macro attachment>
<#if c.gateway.targetRefs>
<@targetRefs/>
<#else>
  workloadSelector:
    labels:
<#list c.gateway.selector as label>
      ${y(label.key)}: ${y(label.value)}
</#list>
</#if>
</#macro>
<#-- How a TrafficExtension picks the gateway: targetRefs to the Gateway, or a selector. -->
<#macro extensionAttachment>
<#if c.gateway.targetRefs>
<@targetRefs/>
<#else>
  selector:
    matchLabels:
<#list c.gateway.selector as label>
      ${y(label.key)}: ${y(label.value)}
</#list>
</#if>
</#macro>
<#macro targetRefs>
  targetRefs:
  - group: gateway.networking.k8s.io
    kind: Gateway
    name: ${y(c.gateway.name)}
</#macro>
