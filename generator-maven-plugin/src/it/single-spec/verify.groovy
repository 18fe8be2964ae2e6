static void sameAsExample(File out, File expected) {
  def names = expected.list().findAll { !it.contains('.received.') }.sort()
  assert out.list().findAll { it != '.meshmirror' }.sort() == names
  names.each { assert new File(out, it).getText('UTF-8') == new File(expected, it).getText('UTF-8') : it }
}

sameAsExample(new File(basedir, 'target/meshmirror/wallarm'), new File(examplesDirectory, 'helm-us/expected'))
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('meshmirror: wallarm: wrote 8 files in ')
true
