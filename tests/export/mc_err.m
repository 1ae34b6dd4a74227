function e = mc_err(a, b)
  % The largest relative error of a against b (Inf when the sizes differ), for the
  % export test's Octave driver (tests/engine/export_test.cpp writes the driver).
  if numel(a) ~= numel(b)
    e = Inf;
    return;
  end
  e = max([0; abs(a(:) - b(:)) ./ max(1, abs(b(:)))]);
end
