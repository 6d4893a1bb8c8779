package demo.mesh.system;

/**
 * A scenario on the mesh scripts/run-local.sh starts ({@link LocalMesh#likeRunLocal()}), shared with every other such
 * scenario: each must leave it as it found it.
 */
abstract class RunLocalMeshScenario extends LocalMeshScenario {

    @Override
    final LocalMesh startMesh() throws Exception {
        return LocalMesh.likeRunLocal();
    }

    @Override
    final String sharedMesh() {
        return LocalMesh.LIKE_RUN_LOCAL;
    }
}
