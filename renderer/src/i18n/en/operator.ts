export default {
  title: 'Appeals',
};
