export default {
  title: 'Брифинг',
};
