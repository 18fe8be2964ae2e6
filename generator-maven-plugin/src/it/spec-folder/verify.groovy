// Both specs of the folder are rendered, each into a folder of its own, with exactly its files.
def files(String connector) {
  new File(basedir, 'target/meshmirror/' + connector).list().findAll { it != '.meshmirror' }.sort()
}
assert files('staging') == ['INSTALL.md', 'all.yaml', 'envoyfilter-cluster.yaml', 'envoyfilter-ext-proc.yaml',
    'gateway-values.yaml', 'kustomization.yaml']
assert files('wallarm') == ['INSTALL.md', 'all.yaml', 'envoyfilter-cluster.yaml', 'envoyfilter-ext-proc.yaml',
    'gateway-values.yaml', 'kustomization.yaml', 'node-values.yaml']
def cluster = new File(basedir, 'target/meshmirror/staging/envoyfilter-cluster.yaml').getText('UTF-8')
assert cluster.contains('namespace: "staging-ingress"')
assert cluster.contains('address: "native-processing.wallarm-node.svc.cluster.local"')
assert cluster.contains('"app": "staging-gateway"')
def all = new File(basedir, 'target/meshmirror/staging/all.yaml').getText('UTF-8')
assert all.contains('# Source: envoyfilter-cluster.yaml') && all.contains('# Source: envoyfilter-ext-proc.yaml')
true
