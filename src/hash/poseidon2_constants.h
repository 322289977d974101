// Poseidon2 constants over Goldilocks for widths 8, 12 and 16: the HorizenLabs reference
// instance (8 full rounds, 22 partial rounds, x^7), exactly as ZisK's pil2-stark uses it
// (0xPolygonHermez/pil2-proofman,
// pil2-stark/src/goldilocks/src/poseidon2_goldilocks_constants.hpp). Round constants are ordered: 4
// full rounds x W, then 22 partial-round constants (added to state[0] only), then 4 full rounds x
// W. The internal matrix is 1 + diag(kInternalDiag) applied as x_i <- x_i * d_i + sum(x), i.e. the
// stored values are the "M_1" diagonals (diag - 1). Every value is < p (checked when this file was
// generated and by poseidon2_test).
#pragma once

#include <cstdint>

namespace ziskc::hash::poseidon2_constants {

inline constexpr std::uint64_t kRoundConstants8[86] = {
    0xdd5743e7f2a5a5d9ull, 0xcb3a864e58ada44bull, 0xffa2449ed32f8cdcull, 0x42025f65d6bd13eeull,
    0x7889175e25506323ull, 0x34b98bb03d24b737ull, 0xbdcc535ecc4faa2aull, 0x5b20ad869fc0d033ull,
    0xf1dda5b9259dfcb4ull, 0x27515210be112d59ull, 0x4227d1718c766c3full, 0x26d333161a5bd794ull,
    0x49b938957bf4b026ull, 0x4a56b5938b213669ull, 0x1120426b48c8353dull, 0x6b323c3f10a56cadull,
    0xce57d6245ddca6b2ull, 0xb1fc8d402bba1eb1ull, 0xb5c5096ca959bd04ull, 0x6db55cd306d31f7full,
    0xc49d293a81cb9641ull, 0x1ce55a4fe979719full, 0xa92e60a9d178a4d1ull, 0x002cc64973bcfd8cull,
    0xcea721cce82fb11bull, 0xe5b55eb8098ece81ull, 0x4e30525c6f1ddd66ull, 0x43c6702827070987ull,
    0xaca68430a7b5762aull, 0x3674238634df9c93ull, 0x88cee1c825e33433ull, 0xde99ae8d74b57176ull,
    0x488897d85ff51f56ull, 0x1140737ccb162218ull, 0xa7eeb9215866ed35ull, 0x9bd2976fee49fcc9ull,
    0xc0c8f0de580a3fccull, 0x4fb2dae6ee8fc793ull, 0x343a89f35f37395bull, 0x223b525a77ca72c8ull,
    0x56ccb62574aaa918ull, 0xc4d507d8027af9edull, 0xa080673cf0b7e95cull, 0xf0184884eb70dcf8ull,
    0x044f10b0cb3d5c69ull, 0xe9e3f7993938f186ull, 0x1b761c80e772f459ull, 0x606cec607a1b5facull,
    0x14a0c2e1d45f03cdull, 0x4eace8855398574full, 0xf905ca7103eff3e6ull, 0xf8c8f8d20862c059ull,
    0xb524fe8bdd678e5aull, 0xfbb7865901a1ec41ull, 0x014ef1197d341346ull, 0x9725e20825d07394ull,
    0xfdb25aef2c5bae3bull, 0xbe5402dc598c971eull, 0x93a5711f04cdca3dull, 0xc45a9a5b2f8fb97bull,
    0xfe8946a924933545ull, 0x2af997a27369091cull, 0xaa62c88e0b294011ull, 0x058eb9d810ce9f74ull,
    0xb3cb23eced349ae4ull, 0xa3648177a77b4a84ull, 0x43153d905992d95dull, 0xf4e2a97cda44aa4bull,
    0x5baa2702b908682full, 0x082923bdf4f750d1ull, 0x98ae09a325893803ull, 0xf8a6475077968838ull,
    0xceb0735bf00b2c5full, 0x0a1a5d953888e072ull, 0x2fcb190489f94475ull, 0xb5be06270dec69fcull,
    0x739cb934b09acf8bull, 0x537750b75ec7f25bull, 0xe9dd318bae1f3961ull, 0xf7462137299efe1aull,
    0xb1f6b8eee9adb940ull, 0xbdebcc8a809dfe6bull, 0x40fc1f791b178113ull, 0x3ac1c3362d014864ull,
    0x9a016184bdb8aebaull, 0x95f2394459fbc25eull,
};

inline constexpr std::uint64_t kInternalDiag8[8] = {
    0xa98811a1fed4e3a5ull, 0x1cc48b54f377e2a0ull, 0xe40cd4f6c5609a26ull, 0x11de79ebca97a4a3ull,
    0x9177c73d8b7e929cull, 0x2a6fe8085797e791ull, 0x3de6e93329f8d5adull, 0x3f7af9125da962feull,
};

inline constexpr std::uint64_t kRoundConstants12[118] = {
    0x13dcf33aba214f46ull, 0x30b3b654a1da6d83ull, 0x1fc634ada6159b56ull, 0x937459964dc03466ull,
    0xedd2ef2ca7949924ull, 0xede9affde0e22f68ull, 0x8515b9d6bac9282dull, 0x6b5c07b4e9e900d8ull,
    0x1ec66368838c8a08ull, 0x9042367d80d1fbabull, 0x400283564a3c3799ull, 0x4a00be0466bca75eull,
    0x7913beee58e3817full, 0xf545e88532237d90ull, 0x22f8cb8736042005ull, 0x6f04990e247a2623ull,
    0xfe22e87ba37c38cdull, 0xd20e32c85ffe2815ull, 0x117227674048fe73ull, 0x4e9fb7ea98a6b145ull,
    0xe0866c232b8af08bull, 0x00bbc77916884964ull, 0x7031c0fb990d7116ull, 0x240a9e87cf35108full,
    0x2e6363a5a12244b3ull, 0x5e1c3787d1b5011cull, 0x4132660e2a196e8bull, 0x3a013b648d3d4327ull,
    0xf79839f49888ea43ull, 0xfe85658ebafe1439ull, 0xb6889825a14240bdull, 0x578453605541382bull,
    0x4508cda8f6b63ce9ull, 0x9c3ef35848684c91ull, 0x0812bde23c87178cull, 0xfe49638f7f722c14ull,
    0x8e3f688ce885cbf5ull, 0xb8e110acf746a87dull, 0xb4b2e8973a6dabefull, 0x9e714c5da3d462ecull,
    0x6438f9033d3d0c15ull, 0x24312f7cf1a27199ull, 0x23f843bb47acbf71ull, 0x9183f11a34be9f01ull,
    0x839062fbb9d45dbfull, 0x24b56e7e6c2e43faull, 0xe1683da61c962a72ull, 0xa95c63971a19bfa7ull,
    0x4adf842aa75d4316ull, 0xf8fbb871aa4ab4ebull, 0x68e85b6eb2dd6aebull, 0x07a0b06b2d270380ull,
    0xd94e0228bd282de4ull, 0x8bdd91d3250c5278ull, 0x209c68b88bba778full, 0xb5e18cdab77f3877ull,
    0xb296a3e808da93faull, 0x8370ecbda11a327eull, 0x3f9075283775dad8ull, 0xb78095bb23c6aa84ull,
    0x3f36b9fe72ad4e5full, 0x69bc96780b10b553ull, 0x3f1d341f2eb7b881ull, 0x4e939e9815838818ull,
    0xda366b3ae2a31604ull, 0xbc89db1e7287d509ull, 0x6102f411f9ef5659ull, 0x58725c5e7ac1f0abull,
    0x0df5856c798883e7ull, 0xf7bb62a8da4c961bull, 0xc68be7c94882a24dull, 0xaf996d5d5cdaedd9ull,
    0x9717f025e7daf6a5ull, 0x6436679e6e7216f4ull, 0x8a223d99047af267ull, 0xbb512e35a133ba9aull,
    0xfbbf44097671aa03ull, 0xf04058ebf6811e61ull, 0x5cca84703fac7ffbull, 0x9b55c7945de6469full,
    0x8e05bf09808e934full, 0x2ea900de876307d7ull, 0x7748fff2b38dfb89ull, 0x6b99a676dd3b5d81ull,
    0xac4bb7c627cf7c13ull, 0xadb6ebe5e9e2f5baull, 0x2d33378cafa24ae3ull, 0x1e5b73807543f8c2ull,
    0x09208814bfebb10full, 0x782e64b6bb5b93ddull, 0xadd5a48eac90b50full, 0xadd4c54c736ea4b1ull,
    0xd58dbb86ed817fd8ull, 0x6d5ed1a533f34dddull, 0x28686aa3e36b7cb9ull, 0x591abd3476689f36ull,
    0x047d766678f13875ull, 0xa2a11112625f5b49ull, 0x21fd10a3f8304958ull, 0xf9b40711443b0280ull,
    0xd2697eb8b2bde88eull, 0x3493790b51731b3full, 0x11caf9dd73764023ull, 0x7acfb8f72878164eull,
    0x744ec4db23cefc26ull, 0x1e00e58f422c6340ull, 0x21dd28d906a62ddaull, 0xf32a46ab5f465b5full,
    0xbfce13201f3f7e6bull, 0xf30d2e7adb5304e2ull, 0xecdf4ee4abad48e9ull, 0xf94e82182d395019ull,
    0x4ee52e3744d887c5ull, 0xa1341c7cac0083b2ull, 0x2302fb26c30c834aull, 0xaea3c587273bf7d3ull,
    0xf798e24961823ec7ull, 0x962deba3e9a2cd94ull,
};

inline constexpr std::uint64_t kInternalDiag12[12] = {
    0xc3b6c08e23ba9300ull, 0xd84b5de94a324fb6ull, 0x0d0c371c5b35b84full, 0x7964f570e7188037ull,
    0x5daf18bbd996604bull, 0x6743bc47b9595257ull, 0x5528b9362c59bb70ull, 0xac45e25b7127b68bull,
    0xa2077d7dfbb606b5ull, 0xf3faac6faee378aeull, 0x0c6388b51545e883ull, 0xd27dbb6944917b60ull,
};

inline constexpr std::uint64_t kRoundConstants16[150] = {
    0x15ebea3fc73397c3ull, 0xd73cd9fbfe8e275cull, 0x8c096bfce77f6c26ull, 0x4e128f68b53d8feaull,
    0x29b779a36b2763f6ull, 0xfe2adc6fb65acd08ull, 0x8d2520e725ad0955ull, 0x1c2392b214624d2aull,
    0x37482118206dcc6eull, 0x2f829bed19be019aull, 0x2fe298cb6f8159b0ull, 0x2bbad982deccdbbfull,
    0xbad568b8cc60a81eull, 0xb86a814265baad10ull, 0xbec2005513b3acb3ull, 0x6bf89b59a07c2a94ull,
    0xa25deeb835e230f5ull, 0x3c5bad8512b8b12aull, 0x7230f73c3cb7a4f2ull, 0xa70c87f095c74d0full,
    0x6b7606b830bb2e80ull, 0x6cd467cfc4f24274ull, 0xfeed794df42a9b0aull, 0x8cf7cf6163b7dbd3ull,
    0x9a6e9dda597175a0ull, 0xaa52295a684faf7bull, 0x017b811cc3589d8dull, 0x55bfb699b6181648ull,
    0xc2ccaf71501c2421ull, 0x1707950327596402ull, 0xdd2fcdcd42a8229full, 0x8b9d7d5b27778a21ull,
    0xac9a05525f9cf512ull, 0x2ba125c58627b5e8ull, 0xc74e91250a8147a5ull, 0xa3e64b640d5bb384ull,
    0xf53047d18d1f9292ull, 0xbaaeddacae3a6374ull, 0xf2d0914a808b3db1ull, 0x18af1a3742bfa3b0ull,
    0x9a621ef50c55bdb8ull, 0xc615f4d1cc5466f3ull, 0xb7fbac19a35cf793ull, 0xd2b1a15ba517e46dull,
    0x4a290c4d7fd26f6full, 0x4f0cf1bb1770c4c4ull, 0x548345386cd377f5ull, 0x33978d2789fddd42ull,
    0xab78c59deb77e211ull, 0xc485b2a933d2be7full, 0xbde3792c00c03c53ull, 0xab4cefe8f893d247ull,
    0xc5c0e752eab7f85full, 0xdbf5a76f893bafeaull, 0xa91f6003e3d984deull, 0x099539077f311e87ull,
    0x097ec52232f9559eull, 0x53641bdf8991e48cull, 0x2afe9711d5ed9d7cull, 0xa7b13d3661b5d117ull,
    0x5a0e243fe7af6556ull, 0x1076fae8932d5f00ull, 0x9b53a83d434934e3ull, 0xed3fd595a3c0344aull,
    0x28eff4b01103d100ull, 0x60400ca3e2685a45ull, 0x1c8636beb3389b84ull, 0xac1332b60e13eff0ull,
    0x2adafcc364e20f87ull, 0x79ffc2b14054ea0bull, 0x3f98e4c0908f0a05ull, 0xcdb230bc4e8a06c4ull,
    0x1bcaf7705b152a74ull, 0xd9bca249a82a7470ull, 0x91e24af19bf82551ull, 0xa62b43ba5cb78858ull,
    0xb4898117472e797full, 0xb3228bca606cdaa0ull, 0x844461051bca39c9ull, 0xf3411581f6617d68ull,
    0xf7fd50646782b533ull, 0x6ca664253c18fb48ull, 0x2d2fcdec0886a08full, 0x29da00dd799b575eull,
    0x47d966cc3b6e1e93ull, 0xde884e9a17ced59eull, 0xdacf46dc1c31a045ull, 0x5d2e3c121eb387f2ull,
    0x51f8b0658b124499ull, 0x1e7dbd1daa72167dull, 0x8275015a25c55b88ull, 0xe8521c24ac7a70b3ull,
    0x6521d121c40b3f67ull, 0xac12de797de135b0ull, 0xafa28ead79f6ed6aull, 0x685174a7a8d26f0bull,
    0xeff92a08d35d9874ull, 0x3058734b76dd123aull, 0xfa55dcfba429f79cull, 0x559294d4324c7728ull,
    0x7a770f53012dc178ull, 0xedd8f7c408f3883bull, 0x39b533cf8d795fa5ull, 0x160ef9de243a8c0aull,
    0x431d52da6215fe3full, 0x54c51a2a2ef6d528ull, 0x9b13892b46ff9d16ull, 0x263c46fcee210289ull,
    0xb738c96d25aabdc4ull, 0x5c33a5203996d38full, 0x2626496e7c98d8ddull, 0xc669e0a52785903aull,
    0xaecde726c8ae1f47ull, 0x039343ef3a81e999ull, 0x2615ceaf044a54f9ull, 0x7e41e834662b66e1ull,
    0x4ca5fd4895335783ull, 0x64b334d02916f2b0ull, 0x87268837389a6981ull, 0x034b75bcb20a6274ull,
    0x58e658296cc2cd6eull, 0xe2d0f759acc31df4ull, 0x81a652e435093e20ull, 0x0b72b6e0172eaf47ull,
    0x4aec43cec577d66dull, 0xde78365b028a84e6ull, 0x444e19569adc0ee4ull, 0x942b2451fa40d1daull,
    0xe24506623ea5bd6cull, 0x082854bf2ef7c743ull, 0x69dbbc566f59d62eull, 0x248c38d02a7b5cb2ull,
    0x4f4e8f8c09d15edbull, 0xd96682f188d310cfull, 0x6f9a25d56818b54cull, 0xb6cefed606546cd9ull,
    0x5bc07523da38a67bull, 0x7df5a3c35b8111cfull, 0xaaa2cc5d4db34bb0ull, 0x9e673ff22a4653f8ull,
    0xbd8b278d60739c62ull, 0xe10d20f6925b8815ull, 0xf6c87b91dd4da2bfull, 0xfed623e2f71b6f1aull,
    0xa0f02fa52a94d0d3ull, 0xbb5794711b39fa16ull, 0xd3b94fba9d005c7full, 0x15a26e89fad946c9ull,
    0xf3cb87db8a67cf49ull, 0x400d2bf56aa2a577ull,
};

inline constexpr std::uint64_t kInternalDiag16[16] = {
    0xde9b91a467d6afc0ull, 0xc5f16b9c76a9be17ull, 0x0ab0fef2d540ac55ull, 0x3001d27009d05773ull,
    0xed23b1f906d3d9ebull, 0x5ce73743cba97054ull, 0x1c3bab944af4ba24ull, 0x2faa105854dbafaeull,
    0x53ffb3ae6d421a10ull, 0xbcda9df8884ba396ull, 0xfc1273e4a31807bbull, 0xc77952573d5142c0ull,
    0x56683339a819b85eull, 0x328fcbd8f0ddc8ebull, 0xb5101e303fce9cb7ull, 0x774487b8c40089bbull,
};

}  // namespace ziskc::hash::poseidon2_constants
