<#import "/lib/overlay.ftl" as overlay>
spec:
  template:
    metadata:
      annotations:
<@indent by=8><@overlay.annotations/></@indent>
<#if c.overlay.hasVolumes>
    spec:
<@indent by=6><@overlay.volumes/></@indent>
      containers:
      - name: istio-proxy
<@indent by=8><@overlay.volumeMounts/></@indent>
</#if>
