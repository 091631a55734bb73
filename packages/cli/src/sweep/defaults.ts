/** Names the sweep commands share, kept apart from the BullMQ and worker-pool modules so that loading them is lazy. */
export const DEFAULT_QUEUE_NAME = 'parley-sweep';
