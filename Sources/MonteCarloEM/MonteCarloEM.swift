import Numerics
