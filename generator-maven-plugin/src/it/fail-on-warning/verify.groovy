// With failOnWarning the same warning fails the build, and nothing is written.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('1 warning and meshmirror.failOnWarning is set; nothing was written')
assert log.contains('spec.istio.version: warning: Istio 1.32 has not been verified with meshmirror')
assert !log.contains('at dev.meshmirror')
assert !new File(basedir, 'target/meshmirror').exists()
true
