console.log("dx");
