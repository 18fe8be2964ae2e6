// The committed folder drifted: the build fails naming missing and extra files, with a unified diff.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('The committed manifests drifted from their specs')
assert log.contains('missing: INSTALL.md')
assert log.contains('extra: old.yaml')
assert log.contains('--- committed/envoyfilter-cluster.yaml')
assert log.contains('-stale: true')
assert log.contains('+apiVersion: networking.istio.io/v1alpha3')
assert !log.contains('at dev.meshmirror')
assert new File(basedir, 'src/main/manifests/wallarm/envoyfilter-cluster.yaml').getText('UTF-8') == 'stale: true\n' : 'check writes nothing'
true
