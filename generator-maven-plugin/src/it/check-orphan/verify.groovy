// A committed folder left by a connector whose spec is gone is drift: check fails, names it, gives
// the command that regenerates the folder, and writes nothing.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('The committed manifests drifted from their specs')
assert log.contains('orphaned: ') && log.contains('src/main/manifests/retired was generated for a connector that no spec renders')
assert log.contains('mvn dev.meshmirror:meshmirror-maven-plugin:')
assert log.contains(':generate -Dmeshmirror.outputDirectory=') && log.contains('src/main/manifests')
assert log.contains('src/main/manifests/wallarm is up to date')
assert !log.contains('at dev.meshmirror')
assert new File(basedir, 'src/main/manifests/retired/envoyfilter-lua.yaml').isFile() : 'check writes nothing'
true
