<#import "/lib/mounts.ftl" as mounts>
spec:
  template:
    metadata:
      annotations:
<@indent by=8><@mounts.checksum/></@indent>
    spec:
<@indent by=6><@mounts.volumes/></@indent>
      containers:
      - name: istio-proxy
<@indent by=8><@mounts.volumeMounts/></@indent>
