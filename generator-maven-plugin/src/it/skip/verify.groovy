def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('meshmirror:generate is skipped (meshmirror.skip=true)')
assert !new File(basedir, 'target/meshmirror').exists()
true
