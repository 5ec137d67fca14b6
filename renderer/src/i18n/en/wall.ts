export default {
  title: 'Video wall',
};
