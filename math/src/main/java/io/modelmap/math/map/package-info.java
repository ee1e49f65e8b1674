/**
 * The 2-D model map: classical scaling of the pairwise distances (PCA of Q when the distances are
 * ‖q_i − q_j‖, classical MDS on the KL values otherwise) and each model's primary text category
 * (modelmap paper App. G.4).
 */
package io.modelmap.math.map;
